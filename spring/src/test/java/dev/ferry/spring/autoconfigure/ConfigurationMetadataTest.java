package dev.ferry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metadata spring-boot-configuration-processor writes from the properties classes and their
 * Javadoc, which IDEs use to complete and document {@code ferry.*}: a field renamed, a setter
 * lost or a comment left out would silently take a property out of it or leave it undocumented.
 */
class ConfigurationMetadataTest {
    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final Map<String, JsonNode> ferryProperties = new LinkedHashMap<>();

    /** Every jar on the class path may have one (Boot's do); the ferry.* properties are this module's. */
    @BeforeAll
    static void readMetadata() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (URL url : Collections.list(ConfigurationMetadataTest.class.getClassLoader().getResources(METADATA))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asText();
                    if (name.startsWith("ferry.")) {
                        ferryProperties.put(name, property);
                    }
                }
            }
        }
    }

    private static JsonNode property(String name) {
        assertThat(ferryProperties).as("the ferry.* properties in " + METADATA).containsKey(name);
        return ferryProperties.get(name);
    }

    @Test
    void theKeyPropertiesOfEachClientAreThereWithTheirTypes() {
        assertThat(property("ferry.s3.endpoint").path("type").asText()).isEqualTo("java.net.URI");
        assertThat(property("ferry.s3.region").path("type").asText()).isEqualTo("java.lang.String");
        assertThat(property("ferry.s3.credentials.access-key").path("sourceType").asText())
                .isEqualTo(FerryS3Properties.Credentials.class.getName());
        assertThat(property("ferry.s3.transfer.part-size").path("type").asText()).isEqualTo("org.springframework.util.unit.DataSize");
        assertThat(property("ferry.ews.endpoint").path("type").asText()).isEqualTo("java.net.URI");
        assertThat(property("ferry.ews.oauth.client-secret").path("sourceType").asText()).isEqualTo(FerryEwsProperties.OAuth.class.getName());
        assertThat(property("ferry.ews.basic.password").path("type").asText()).isEqualTo("java.lang.String");
        assertThat(property("ferry.oss.region").path("type").asText()).isEqualTo("java.lang.String");
        assertThat(property("ferry.oss.credentials.access-key-id").path("sourceType").asText())
                .isEqualTo(FerryOssProperties.Credentials.class.getName());
        assertThat(property("ferry.engine.share-server-loops").path("type").asText()).isEqualTo("java.lang.Boolean");
    }

    @Test
    void theKeyPropertiesAreDescribedFromTheirJavadoc() {
        assertThat(property("ferry.s3.endpoint").path("description").asText()).contains("S3-compatible store");
        assertThat(property("ferry.s3.region").path("description").asText()).contains("signing region");
        assertThat(property("ferry.ews.oauth.client-secret").path("description").asText()).contains("client secret");
        assertThat(property("ferry.oss.credentials.access-key-id").path("description").asText()).contains("AccessKey id");
        assertThat(property("ferry.engine.share-server-loops").path("description").asText()).contains("ReactorResourceFactory");
    }

    @Test
    void everyFerryPropertyHasADescription() {
        assertThat(ferryProperties).as("ferry.* properties").isNotEmpty();
        assertThat(ferryProperties.values()).allSatisfy(property -> assertThat(property.path("description").asText())
                .as(property.path("name").asText()).isNotBlank());
    }
}
