package dev.ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.model.AbortMultipartUploadRequest;
import dev.ferry.s3.model.Bucket;
import dev.ferry.s3.model.CreateMultipartUploadRequest;
import dev.ferry.s3.model.DeleteObjectsRequest;
import dev.ferry.s3.model.DeleteObjectsResponse;
import dev.ferry.s3.model.ListMultipartUploadsRequest;
import dev.ferry.s3.model.ListObjectsPage;
import dev.ferry.s3.model.ListObjectsRequest;
import dev.ferry.s3.model.MultipartUpload;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.S3Object;
import dev.ferry.testkit.s3.S3ServerExtension;
import dev.ferry.testkit.s3.S3TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

@ExtendWith(S3ServerExtension.class)
class ListingIT {
    private static S3Client s3;
    private static String bucket;
    private static final List<String> KEYS = new ArrayList<>();

    @BeforeAll
    static void fillBucket(S3TestServer server) {
        s3 = S3TestClients.client(server);
        bucket = S3TestClients.newBucket(s3, server, "listing");
        IntStream.range(0, 25).forEach(i -> KEYS.add(String.format("logs/2026/%02d.txt", i)));
        KEYS.addAll(List.of("logs/2025/a.txt", "logs/2025/b.txt", "photos/cat one.jpg", "photos/ünï+code.jpg", "top.txt"));
        Flux.fromIterable(KEYS)
                .flatMap(k -> s3.putObject(PutObjectRequest.of(bucket, k), RequestBody.fromString(k)), 8)
                .blockLast();
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void listsEveryObjectAcrossPagesInKeyOrder() {
        List<S3Object> all = s3.listObjects(ListObjectsRequest.builder(bucket).pageSize(7).build()).collectList().block();

        assertThat(all).extracting(S3Object::key).containsExactlyElementsOf(KEYS.stream().sorted().toList());
        assertThat(all).allSatisfy(o -> assertThat(o.size()).isEqualTo(o.key().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(s3.listObjectsPages(ListObjectsRequest.builder(bucket).pageSize(7).build()).count().block()).isEqualTo(5);
    }

    @Test
    void prefixAndDelimiterGroupKeysIntoCommonPrefixes() {
        List<ListObjectsPage> pages = s3.listObjectsPages(ListObjectsRequest.builder(bucket).prefix("logs/").delimiter("/").build())
                .collectList().block();

        List<String> prefixes = pages.stream().flatMap(p -> p.commonPrefixes().stream()).toList();
        assertThat(prefixes).containsExactly("logs/2025/", "logs/2026/");
        assertThat(pages.stream().flatMap(p -> p.objects().stream())).isEmpty();

        List<String> top = s3.listObjectsPages(ListObjectsRequest.builder(bucket).delimiter("/").build())
                .flatMapIterable(ListObjectsPage::objects).map(S3Object::key).collectList().block();
        assertThat(top).containsExactly("top.txt");
    }

    @Test
    void startAfterSkipsEarlierKeysAndOddKeysSurviveTheListing() {
        List<String> photos = s3.listObjects(ListObjectsRequest.builder(bucket).prefix("photos/").build())
                .map(S3Object::key).collectList().block();
        assertThat(photos).containsExactly("photos/cat one.jpg", "photos/ünï+code.jpg");

        List<String> after = s3.listObjects(ListObjectsRequest.builder(bucket).startAfter("photos/cat one.jpg").build())
                .map(S3Object::key).collectList().block();
        assertThat(after).containsExactly("photos/ünï+code.jpg", "top.txt");
    }

    @Test
    void blockingListingIsAStreamFetchedAsConsumed() {
        try (var keys = s3.blocking().listObjects(ListObjectsRequest.builder(bucket).prefix("logs/2026/").pageSize(10).build())) {
            assertThat(keys.map(S3Object::key).collect(Collectors.toList())).hasSize(25);
        }
    }

    @Test
    void listsUnfinishedUploadsUntilTheyAreAborted(S3TestServer server) {
        String b = S3TestClients.newBucket(s3, server, "uploads");
        List<String> ids = Flux.range(0, 3)
                .concatMap(i -> s3.createMultipartUpload(CreateMultipartUploadRequest.of(b, "pending/" + i)))
                .map(r -> r.uploadId()).collectList().block();

        List<MultipartUpload> pending = s3.listMultipartUploads(ListMultipartUploadsRequest.of(b)).collectList().block();
        assertThat(pending).extracting(MultipartUpload::uploadId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(pending).extracting(MultipartUpload::key).containsExactlyInAnyOrder("pending/0", "pending/1", "pending/2");

        for (int i = 0; i < 3; i++) {
            s3.abortMultipartUpload(new AbortMultipartUploadRequest(b, "pending/" + i, ids.get(i))).block();
        }
        assertThat(s3.listMultipartUploads(ListMultipartUploadsRequest.of(b)).collectList().block()).isEmpty();
    }

    @Test
    void listBucketsIncludesTheTestBucket() {
        assertThat(s3.listBuckets().map(Bucket::name).collectList().block()).contains(bucket);
    }

    @Test
    void batchDeleteRemovesTheKeysAndReportsThem(S3TestServer server) {
        String b = S3TestClients.newBucket(s3, server, "batch-delete");
        List<String> keys = IntStream.range(0, 40).mapToObj(i -> "doomed/" + i).toList();
        Flux.fromIterable(keys).flatMap(k -> s3.putObject(PutObjectRequest.of(b, k), RequestBody.fromString("x")), 8).blockLast();

        DeleteObjectsResponse response = s3.deleteObjects(DeleteObjectsRequest.ofKeys(b, keys)).block();

        assertThat(response.errors()).isEmpty();
        assertThat(response.deleted()).extracting(DeleteObjectsResponse.Deleted::key).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(s3.listObjects(ListObjectsRequest.of(b)).collectList().block()).isEmpty();
    }
}
