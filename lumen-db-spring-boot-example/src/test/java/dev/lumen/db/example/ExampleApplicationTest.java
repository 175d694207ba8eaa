package dev.lumen.db.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example over HTTP, as {@code curl} sees it: the REST endpoint writes and reads through the repository,
 * and Actuator shows lumen-db's health (without Boot's {@code db} ping), its Prometheus meters and the Flyway
 * history.
 */
@LumenDbTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExampleApplicationTest {

    private static TestDatabase database;
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @BeforeAll
    static void database(TestDatabase testDatabase) {
        database = testDatabase;
    }

    @DynamicPropertySource
    static void lumenDb(DynamicPropertyRegistry registry) {
        database.lumenDbProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("lumen.db.env", () -> "test");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void whenARoleIsPostedThenItIsStoredAndListedAndADuplicateIsAConflict() throws Exception {
        HttpResponse<String> created = post("/roles", "{\"name\":\"editor\",\"description\":\"edits pages\"}");
        HttpResponse<String> duplicate = post("/roles", "{\"name\":\"editor\"}");
        HttpResponse<String> invalid = post("/roles", "{\"name\":\"\"}");
        HttpResponse<String> listed = get("/roles");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"name\":\"editor\"").contains("\"description\":\"edits pages\"");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"name\":\"editor\"");
    }

    @Test
    void whenActuatorIsAskedThenItShowsLumenDbsHealthMetersAndMigrationHistory() throws Exception {
        get("/roles");
        HttpResponse<String> health = get("/actuator/health");
        HttpResponse<String> prometheus = get("/actuator/prometheus");
        HttpResponse<String> flyway = get("/actuator/flyway");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"lumendb\":{").contains("\"pendingMigrations\":0")
                .doesNotContain("\"db\":{");
        assertThat(prometheus.body()).contains("lumen_db_query_seconds_count{").contains("hikaricp_connections_active{");
        assertThat(flyway.body()).contains("\"state\":\"SUCCESS\"");
    }
}
