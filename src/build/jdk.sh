# Sourced by ./mvnw, ./lumen-db and .ci/run (POSIX sh, so the Maven wrapper can use it): points JAVA_HOME at a
# JDK 21 or newer. JAVA_HOME wins when it is one; otherwise the newest JDK 21+ in the usual install folders
# (/usr/lib/jvm, /Library/Java/JavaVirtualMachines, SDKMAN, ~/.jdks, ...; LUMEN_DB_JDK_SEARCH, a space-separated
# list of globs, replaces them), then the javac on PATH. A machine whose
# default java is 17 with a JDK 21+ installed beside it therefore builds without any setup. With none, one line
# says what to install and the script exits 1.

# The major version of a JDK home ("21", "25"), or nothing. Reads the home's release file (no JVM start, so the
# wrapper stays fast) and asks the JVM only when there is none.
lumen_java_major() {
  lumen_home=$1
  case "$lumen_home" in */bin/java) lumen_home=${lumen_home%/bin/java} ;; esac
  if [ -f "$lumen_home/release" ]; then
    lumen_version=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$lumen_home/release" | head -n 1)
  else
    lumen_version=$("$lumen_home/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  fi
  lumen_version=${lumen_version#1.}
  lumen_version=${lumen_version%%[!0-9]*}
  printf '%s\n' "$lumen_version"
}

# Whether a folder is a JDK (java and javac) of version 21 or newer; prints its major version when it is.
lumen_jdk_21() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  lumen_major=$(lumen_java_major "$1")
  case "$lumen_major" in '' | *[!0-9]*) return 1 ;; esac
  [ "$lumen_major" -ge 21 ] || return 1
  printf '%s\n' "$lumen_major"
}

# Keeps the newest JDK 21+ seen so far in lumen_best / lumen_best_major.
lumen_consider() {
  lumen_major=$(lumen_jdk_21 "$1") || return 0
  if [ "$lumen_major" -gt "$lumen_best_major" ]; then
    lumen_best=$1
    lumen_best_major=$lumen_major
  fi
}

lumen_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && lumen_jdk_21 "$JAVA_HOME" >/dev/null; then
    printf '%s\n' "$JAVA_HOME"
    return 0
  fi
  lumen_best="" lumen_best_major=0
  # The wrapper runs with globbing off (set -f); the candidates are globs.
  case $- in *f*) lumen_noglob=yes; set +f ;; *) lumen_noglob="" ;; esac
  if [ -n "${LUMEN_DB_JDK_SEARCH:-}" ]; then
    for lumen_candidate in $LUMEN_DB_JDK_SEARCH; do lumen_consider "$lumen_candidate"; done
  else
    for lumen_candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
        /Library/Java/JavaVirtualMachines/*/Contents/Home "${HOME:-/nonexistent}"/.sdkman/candidates/java/* \
        "${HOME:-/nonexistent}"/.jdks/* "${HOME:-/nonexistent}"/Library/Java/JavaVirtualMachines/*/Contents/Home; do
      lumen_consider "$lumen_candidate"
    done
  fi
  [ -z "$lumen_noglob" ] || set -f
  if [ -z "$lumen_best" ] && command -v javac >/dev/null 2>&1; then
    lumen_candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    lumen_jdk_21 "$lumen_candidate" >/dev/null && lumen_best=$lumen_candidate
  fi
  printf '%s\n' "$lumen_best"
}

lumen_jdk=$(lumen_find_jdk)
if [ -z "$lumen_jdk" ]; then
  echo "lumen-db needs a JDK 21 or newer and found none (JAVA_HOME, /usr/lib/jvm, /Library/Java/JavaVirtualMachines, ~/.sdkman, ~/.jdks, PATH): install one, e.g. Temurin 21 (https://adoptium.net), and run again." >&2
  exit 1
fi
export JAVA_HOME="$lumen_jdk"
PATH="$JAVA_HOME/bin:$PATH"
export PATH
# Maven 3.9's Guice calls sun.misc.Unsafe, which JDK 24+ warns about on every build. JDK 23 introduced the option
# that allows it quietly; older JDKs refuse unknown options, so it is added only where it exists.
if [ "$(lumen_java_major "$JAVA_HOME")" -ge 23 ]; then
  case " ${MAVEN_OPTS:-} " in
    *" --sun-misc-unsafe-memory-access="*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
  esac
fi
