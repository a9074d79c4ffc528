package dev.inkwell.api.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.inkwell.persistence.job.JobType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job types {@code GET /api/jobs/{id}} can name are those the OpenAPI document lists: a new
 * job type that admins follow there is a change of the public contract, made in both places.
 */
class JobTypesDocumentedTest {
    @Test
    void theDocumentsJobTypesAreTheOnesJobsResourceNames() throws IOException {
        JsonNode document;
        try (InputStream in = JobsResource.class.getResourceAsStream("/dev/inkwell/api/openapi.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<String> documented = new ArrayList<>();
        document.at("/components/schemas/Job/properties/type/enum").forEach(n -> documented.add(n.asText()));

        List<String> named = Stream.concat(Stream.of(JobType.BULK_UPDATE),
                Stream.of(JobType.values()).filter(JobType::followedByAdmins)).map(JobType::typeName).toList();

        assertThat(documented).containsExactlyInAnyOrderElementsOf(named);
    }
}
