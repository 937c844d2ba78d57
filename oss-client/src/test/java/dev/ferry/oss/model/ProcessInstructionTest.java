package dev.ferry.oss.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessInstructionTest {

    @Test
    void buildsTheExactInstructionOfTheReferenceExample() {
        ProcessInstruction p = ProcessInstruction.builder()
                .action("doc/convert,target_png,source_docx")
                .saveAs("test-bucket", "doc_images/{index}.png")
                .notifyTopic("test-topic")
                .build();
        assertThat(p.toString()).isEqualTo("doc/convert,target_png,source_docx|sys/saveas,b_dGVzdC1idWNrZXQ,"
                + "o_ZG9jX2ltYWdlcy97aW5kZXh9LnBuZw/notify,topic_dGVzdC10b3BpYw");
    }

    @Test
    void namesAreUrlSafeBase64WithoutPadding() {
        assertThat(ProcessInstruction.encodeName("目录/文件?.png")).isEqualTo("55uu5b2VL-aWh-S7tj8ucG5n");
        assertThat(ProcessInstruction.encodeName("test-bucket")).isEqualTo("dGVzdC1idWNrZXQ");
        assertThat(ProcessInstruction.builder().action("doc/convert,target_png").saveAs("目录/文件?.png").build().toString())
                .isEqualTo("doc/convert,target_png|sys/saveas,o_55uu5b2VL-aWh-S7tj8ucG5n");
    }

    @Test
    void laterActionsOfTheSameKindAreChainedAfterTheFirst() {
        assertThat(ProcessInstruction.builder().action("image/resize,w_100").action("image/rotate,90").action("quality,q_80")
                .build().toString()).isEqualTo("image/resize,w_100/rotate,90/quality,q_80");
    }

    @Test
    void aRawInstructionIsKeptExactly() {
        String raw = "doc/convert,target_png,source_docx|sys/saveas,b_PADDED==,o_abc/notify";
        assertThat(ProcessInstruction.raw(raw).toString()).isEqualTo(raw);
    }

    @Test
    void refusesWhatOssCannotRead() {
        assertThatThrownBy(() -> ProcessInstruction.builder().build()).hasMessageContaining("at least one action");
        assertThatThrownBy(() -> ProcessInstruction.builder().action("convert,target_png")).hasMessageContaining("name its kind");
        assertThatThrownBy(() -> ProcessInstruction.builder().action("doc/convert|sys/saveas")).hasMessageContaining("'|'");
        assertThatThrownBy(() -> ProcessInstruction.builder().action("image/resize,w_1").action("doc/convert").build())
                .hasMessageContaining("one kind");
        assertThatThrownBy(() -> ProcessInstruction.builder().action("doc/convert").notifyTopic("t").build())
                .hasMessageContaining("saveAs");
        assertThatThrownBy(() -> ProcessInstruction.builder().action("doc/convert").saveAs("Bad_Bucket", "k"))
                .hasMessageContaining("bucket name");
    }
}
