package dev.lumen.db.test.cluster;

/** Starts a 1+1 cluster, prints the server pids, and waits to be killed (see PostgresClusterTest). */
final class ClusterInChildJvm {

    private ClusterInChildJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        PostgresCluster cluster = PostgresCluster.builder().replicas(1).start();
        for (PostgresNode node : cluster.nodes()) {
            System.out.println("PID " + node.processId());
        }
        System.out.println("DIR " + cluster.primary().dataDirectory().getParent());
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
