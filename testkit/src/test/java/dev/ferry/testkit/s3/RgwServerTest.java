package dev.ferry.testkit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the testkit drives the start script, with stand-in scripts that behave as the real one does
 * when it works, when it cannot (no packages, no root) and when its first start fails: the real
 * cluster is exercised by the S3 integration suite with {@code -Dferry.s3.server=rgw}.
 */
class RgwServerTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(RgwServer.SCRIPT_PROPERTY);
    }

    /** A stand-in for ceph-rgw.sh: the body runs for "start"; "stop" leaves a mark beside the script. */
    private Path script(String start) throws Exception {
        Path script = dir.resolve("ceph-rgw.sh");
        Files.writeString(script, "#!/usr/bin/env bash\n"
                + "set -euo pipefail\n"
                + "die() { echo \"$(basename \"$0\"): $*\" >&2; exit 1; }\n"
                + "case \"$1\" in\n"
                + "  start) " + start + " ;;\n"
                + "  stop) echo \"stopped $2 in $CEPH_RGW_HOME\" >> \"" + dir.resolve("stops") + "\" ;;\n"
                + "esac\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty(RgwServer.SCRIPT_PROPERTY, script.toString());
        return script;
    }

    @Test
    void startsWithItsOwnHomeAndCredentialsAndStopsOnClose() throws Exception {
        script("[ \"$CEPH_RGW_ACCESS_KEY\" = ferry-rgw-access ] || die wrong key; "
                + "echo \"ceph-rgw: up on http://127.0.0.1:$2 (radosgw 16.2.15, mon 127.0.0.1:$(($2+1))) access=$CEPH_RGW_ACCESS_KEY\"");

        try (RgwServer rgw = RgwServer.start()) {
            assertThat(rgw.version()).isEqualTo("16.2.15");
            assertThat(rgw.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(rgw.description()).startsWith("Ceph RGW 16.2.15 at http://127.0.0.1:");
            assertThat(rgw.secretKey()).isEqualTo(RgwServer.SECRET_KEY);
            assertThat(dir.resolve("stops")).doesNotExist();
        }

        String stops = Files.readString(dir.resolve("stops")).trim();
        assertThat(stops).startsWith("stopped ").contains("ferry-ceph-rgw-");
        assertThat(Path.of(stops.substring(stops.indexOf(" in ") + 4))).as("the cluster's folder").doesNotExist();
    }

    @Test
    void missingPackagesWithoutRootAreAReasonToSkipNotToRetry() throws Exception {
        script("echo attempt >> \"" + dir.resolve("attempts") + "\"; die \"missing: ceph-mon ceph-osd radosgw (apt-get install them)\"");

        assertThatThrownBy(RgwServer::start)
                .isInstanceOf(ServerUnavailableException.class)
                .hasMessage("Ceph RGW cannot start here: missing: ceph-mon ceph-osd radosgw (apt-get install them)");
        assertThat(Files.readAllLines(dir.resolve("attempts"))).hasSize(1);
    }

    @Test
    void aFailedStartIsRetriedOnFreshPorts() throws Exception {
        Path attempts = dir.resolve("attempts");
        script("echo $2 >> \"" + attempts + "\"; "
                + "[ $(wc -l < \"" + attempts + "\") -ge 2 ] || die \"ceph-osd did not come up\"; "
                + "echo \"ceph-rgw: up on http://127.0.0.1:$2 (radosgw 16.2.15, mon x)\"");

        try (RgwServer rgw = RgwServer.start()) {
            java.util.List<String> ports = Files.readAllLines(attempts);
            assertThat(ports).hasSize(2);
            assertThat(rgw.endpoint().getPort()).isEqualTo(Integer.parseInt(ports.get(1)));
        }
    }

    @Test
    void aStartThatKeepsFailingGivesTheScriptsLastReason() throws Exception {
        script("die \"radosgw did not come up on port $2\"");

        assertThatThrownBy(RgwServer::start)
                .isInstanceOf(ServerUnavailableException.class)
                .hasMessageStartingWith("Ceph RGW cannot start here: radosgw did not come up on port ");
    }

    @Test
    void anAbsentScriptIsNamedInTheReason() {
        System.setProperty(RgwServer.SCRIPT_PROPERTY, dir.resolve("no-such-script.sh").toString());

        assertThatThrownBy(RgwServer::start)
                .isInstanceOf(ServerUnavailableException.class)
                .hasMessageContaining("no-such-script.sh is absent");
    }

    @Test
    void theProjectRootIsTheNearestFolderWithMvnw() throws Exception {
        Path root = Files.createDirectories(dir.resolve("project"));
        Files.writeString(root.resolve("mvnw"), "");
        Path module = Files.createDirectories(root.resolve("s3-client/target"));

        assertThat(RgwServer.projectRoot(module)).isEqualTo(root);
        assertThat(RgwServer.projectRoot(dir)).isNull();
    }

    @Test
    void twoNeighbouringPortsAreFree() throws Exception {
        int port = RgwServer.freePortPair();

        try (var a = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress());
             var b = new java.net.ServerSocket(port + 1, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(a.getLocalPort() + 1).isEqualTo(b.getLocalPort());
        }
    }
}
