package dev.ferry.oss.model;

/**
 * Processes an object synchronously and saves the result ({@code POST /key?x-oss-process}): the
 * instruction must end with {@code |sys/saveas,...}.
 */
public record ProcessObjectRequest(String bucket, String key, String process, boolean requestPayer) {

    public ProcessObjectRequest {
        OssNames.bucket(bucket);
        OssNames.key(key);
        OssNames.process(process);
    }

    public static ProcessObjectRequest of(String bucket, String key, String process) {
        return new ProcessObjectRequest(bucket, key, process, false);
    }

    public static ProcessObjectRequest of(String bucket, String key, ProcessInstruction process) {
        return new ProcessObjectRequest(bucket, key, process.toString(), false);
    }

    public ProcessObjectRequest withRequestPayer(boolean requestPayer) {
        return new ProcessObjectRequest(bucket, key, process, requestPayer);
    }
}
