package dev.ferry.ews.model;

/**
 * What the server said it runs, from the {@code ServerVersionInfo} SOAP header. {@code version} is a
 * schema version string such as {@code V2018_01_08} or {@code Exchange2013_SP1}: kept as a string,
 * since new ones appear without notice.
 */
public record ServerVersion(int majorVersion, int minorVersion, int majorBuildNumber, int minorBuildNumber, String version) {
    public static final ServerVersion UNKNOWN = new ServerVersion(0, 0, 0, 0, "");

    public ServerVersion {
        version = version == null ? "" : version;
    }

    @Override
    public String toString() {
        return majorVersion + "." + minorVersion + "." + majorBuildNumber + "." + minorBuildNumber
                + (version.isEmpty() ? "" : " (" + version + ")");
    }
}
