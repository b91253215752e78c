package org.candor.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a client learns when the JSON reader refuses its body (it wraps most refusals in a bare 400). */
class ProblemMappersTest {

    record Sample(String name, int count) {
    }

    private final ObjectMapper mapper = strictMapper();

    @Test
    void aStringTheRulesRefuseIsNamedWithTheReason() {
        Problem problem = answerTo("{\"name\":\"a\\u0000b\",\"count\":1}");

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).containsExactly(
                Problem.FieldError.field("name", "must not contain the NUL character (U+0000)"));
    }

    @Test
    void aStringOverTheBoundIsNamed() {
        Problem problem = answerTo("{\"name\":\"" + "x".repeat(11) + "\",\"count\":1}");

        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("name");
    }

    @Test
    void aStrayClosingBraceAfterTheValueIsSaidToFollowIt() {
        assertThat(answerTo("{\"name\":\"a\",\"count\":1}}").detail())
                .isEqualTo("The body has more after its JSON value");
    }

    @Test
    void anotherValueAfterTheValueIsSaidToFollowIt() {
        assertThat(answerTo("{\"name\":\"a\",\"count\":1} x").detail())
                .isEqualTo("The body has more after its JSON value");
    }

    @Test
    void aStrayClosingBraceAloneIsNotValidJson() {
        assertThat(answerTo("}").detail()).isEqualTo("The body is not valid JSON (line 1, column 1)");
    }

    @Test
    void aBodyCutShortIsNotValidJson() {
        assertThat(answerTo("{\"name\":\"a\",").detail()).startsWith("The body is not valid JSON (line 1, column");
    }

    @Test
    void aWrongTypeIsNamed() {
        Problem problem = answerTo("{\"name\":\"a\",\"count\":\"many\"}");

        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("count");
    }

    @Test
    void aBareBadRequestStaysABadRequest() {
        Response response = new ProblemMappers().webApplication(new WebApplicationException(400), null);

        assertThat(((Problem) response.getEntity()).detail()).isEqualTo("Bad Request");
    }

    /** The answer to the body as the JSON reader (an ObjectReader on the stream) hands its failure on. */
    private Problem answerTo(String body) {
        JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class,
                () -> mapper.readerFor(Sample.class)
                        .readValue(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
        assertThat(failure).as("the body is refused").isNotNull();
        Response response = new ProblemMappers()
                .webApplication(new WebApplicationException(failure, Response.Status.BAD_REQUEST), null);
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        return (Problem) response.getEntity();
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson(new InputLimitsConfig() {
            @Override
            public int maxJsonStringLength() {
                return 10;
            }

            @Override
            public int maxParameterLength() {
                return 10;
            }

            @Override
            public int maxUriLength() {
                return 100;
            }

            @Override
            public long maxBodySize() {
                return 1000;
            }

            @Override
            public long maxFormBodySize() {
                return 1000;
            }

            @Override
            public Optional<String> largeBodyPaths() {
                return Optional.empty();
            }
        }).customize(mapper);
        return mapper;
    }
}
