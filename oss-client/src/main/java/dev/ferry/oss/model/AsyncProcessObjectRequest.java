package dev.ferry.oss.model;

/**
 * Submits an asynchronous processing task on an object ({@code POST /key?x-oss-async-process}).
 *
 * @param process the instruction, sent as it is; build one with {@link ProcessInstruction}
 * @param requestPayer whether the requester pays for a bucket with pay-by-requester on
 */
public record AsyncProcessObjectRequest(String bucket, String key, String process, boolean requestPayer) {

    public AsyncProcessObjectRequest {
        OssNames.bucket(bucket);
        OssNames.key(key);
        OssNames.process(process);
    }

    public static AsyncProcessObjectRequest of(String bucket, String key, String process) {
        return new AsyncProcessObjectRequest(bucket, key, process, false);
    }

    public static AsyncProcessObjectRequest of(String bucket, String key, ProcessInstruction process) {
        return new AsyncProcessObjectRequest(bucket, key, process.toString(), false);
    }

    public AsyncProcessObjectRequest withRequestPayer(boolean requestPayer) {
        return new AsyncProcessObjectRequest(bucket, key, process, requestPayer);
    }
}
