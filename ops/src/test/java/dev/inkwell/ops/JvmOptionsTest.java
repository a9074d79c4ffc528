package dev.inkwell.ops;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ops/config/jvm.options is the one home of the JVM settings: it is a valid argument file that
 * bounds the heap, and every way the documents start the jar goes through it (a command that
 * forgets it gets a quarter of the machine's memory as heap).
 */
class JvmOptionsTest {
    private static final Pattern JAVA_COMMAND = Pattern.compile("\\bjava\\s+(\\S+\\s+)*-jar\\b");

    @Test
    void theArgumentFileGivesASmallHeapAndTheSerialCollector() throws Exception {
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Jar.JVM_OPTIONS, "-XX:+PrintFlagsFinal", "-version")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(java.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("\\bMaxHeapSize\\s+= 268435456\\b");
        assertThat(output).containsPattern("\\bUseSerialGC\\s+= true\\b");
        assertThat(output).containsPattern("\\bExitOnOutOfMemoryError\\s+= true\\b");
    }

    @Test
    void everyJavaCommandOfTheReadmeRunbookAndConfigFilesUsesTheArgumentFile() throws Exception {
        List<Path> documents = List.of(Path.of("..", "README.md"), Path.of("RUNBOOK.md"), Path.of("config", "api.yml"),
                Path.of("config", "worker.yml"), Path.of("config", "local.yml"));
        int commands = 0;
        for (Path document : documents) {
            for (String line : Files.readAllLines(document)) {
                if (JAVA_COMMAND.matcher(line).find()) {
                    commands++;
                    // The repository's file, or where the RUNBOOK's installation puts it (ops/systemd).
                    assertThat(line).as(document + ": " + line).containsPattern("java @(ops/config|/opt/inkwell)/jvm\\.options ");
                }
            }
        }
        assertThat(commands).as("java commands found").isGreaterThan(10);
    }
}
