# Sourced by ./lumen-db and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# Looks at JAVA_HOME first, then the usual install folders, then the javac on PATH; the newest wins.

lumen_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

lumen_find_jdk() {
  local best="" best_major=0 candidate major
  for candidate in ${JAVA_HOME:-} /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(lumen_java_major "$candidate/bin/java")
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(lumen_java_major "$candidate/bin/java")
    if [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -ge 21 ]; then
      best="$candidate"
    fi
  fi
  echo "$best"
}

lumen_jdk=$(lumen_find_jdk)
if [ -z "$lumen_jdk" ]; then
  echo "lumen-db needs a JDK 21 or newer: none found in JAVA_HOME, /usr/lib/jvm or on PATH." >&2
  echo "Install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME="$lumen_jdk"
export PATH="$JAVA_HOME/bin:$PATH"
