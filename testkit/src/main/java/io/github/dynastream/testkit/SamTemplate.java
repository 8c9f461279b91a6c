package io.github.dynastream.testkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An AWS SAM (or CloudFormation) template read for tests, so that a test can check how a function is
 * wired to its stream before it is deployed: the event source mapping's settings, its destination,
 * its filters and the handler class. Short-form intrinsic functions are kept as their long form:
 * {@code !GetAtt OrdersTable.StreamArn} reads as {@code {"Fn::GetAtt": "OrdersTable.StreamArn"}} and
 * {@code !Ref Queue} as {@code {"Ref": "Queue"}}.
 *
 * <pre>{@code
 * SamTemplate template = SamTemplate.read(Path.of("template.yaml"));
 * SamTemplate.StreamEventSource source = template.streamEventSource("OrderAuditFunction");
 * StreamAssertions.assertThat(source).isWiredForPartialBatchResponses().readsStreamOf("OrdersTable");
 * }</pre>
 *
 * <p>Immutable.
 */
public final class SamTemplate {
    private static final YAMLFactory YAML = new YAMLFactory();

    private final ObjectNode root;

    private SamTemplate(ObjectNode root) {
        this.root = root;
    }

    /**
     * Reads a template file.
     *
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a YAML mapping with {@code Resources}
     */
    public static SamTemplate read(Path template) {
        Objects.requireNonNull(template, "template");
        try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            return parse(reader, template.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + template, e);
        }
    }

    /**
     * Reads a template from its text.
     *
     * @throws IllegalArgumentException if it is not a YAML mapping with {@code Resources}
     */
    public static SamTemplate parse(String yaml) {
        Objects.requireNonNull(yaml, "yaml");
        try {
            return parse(new StringReader(yaml), "the template");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SamTemplate parse(Reader reader, String where) throws IOException {
        JsonNode root;
        try (JsonParser parser = YAML.createParser(reader)) {
            JsonToken first = parser.nextToken();
            root = first == null ? null : read(parser);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(where + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (!(root instanceof ObjectNode object) || !object.path("Resources").isObject()) {
            throw new IllegalArgumentException(where + " has no Resources mapping");
        }
        return new SamTemplate(object);
    }

    /** The value at the parser's current token, with short-form intrinsic functions in long form. */
    private static JsonNode read(JsonParser parser) throws IOException {
        Object tag = parser.getTypeId();
        JsonNode value;
        JsonToken token = parser.currentToken();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = nodes.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                object.set(name, read(parser));
            }
            value = object;
        } else if (token == JsonToken.START_ARRAY) {
            ArrayNode array = nodes.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(read(parser));
            }
            value = array;
        } else if (token == JsonToken.VALUE_NULL) {
            value = nodes.nullNode();
        } else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            value = nodes.booleanNode(parser.getBooleanValue());
        } else if (token == JsonToken.VALUE_NUMBER_INT) {
            value = nodes.numberNode(parser.getBigIntegerValue());
        } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            value = nodes.numberNode(parser.getDecimalValue());
        } else {
            value = nodes.textNode(parser.getText());
        }
        if (tag instanceof String name && !name.isEmpty() && !name.equals("!") && !name.startsWith("tag:")) {
            String function = name.startsWith("!") ? name.substring(1) : name;
            ObjectNode intrinsic = nodes.objectNode();
            intrinsic.set(function.equals("Ref") || function.equals("Condition") ? function : "Fn::" + function, value);
            return intrinsic;
        }
        return value;
    }

    /** The whole template, as a tree. */
    public JsonNode tree() {
        return root.deepCopy();
    }

    /**
     * A resource by logical id.
     *
     * @throws IllegalArgumentException if the template has no such resource
     */
    public Resource resource(String logicalId) {
        Objects.requireNonNull(logicalId, "logicalId");
        JsonNode resource = root.path("Resources").get(logicalId);
        if (resource == null || !resource.isObject()) {
            throw new IllegalArgumentException(
                    "the template has no resource [" + logicalId + "]; it has " + names(root.path("Resources")));
        }
        return new Resource(logicalId, resource);
    }

    /** The resources of one type, e.g. {@code AWS::DynamoDB::Table}, in template order. */
    public List<Resource> resourcesOfType(String type) {
        Objects.requireNonNull(type, "type");
        List<Resource> resources = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (type.equals(entry.getValue().path("Type").asText())) {
                resources.add(new Resource(entry.getKey(), entry.getValue()));
            }
        }
        return resources;
    }

    /**
     * A function's property as deployed: its own value, else the one under {@code Globals.Function}.
     *
     * @throws IllegalArgumentException if the function does not exist or is not a function
     */
    public Optional<JsonNode> functionProperty(String functionId, String property) {
        Resource function = function(functionId);
        JsonNode own = function.properties().get(property);
        if (own != null) {
            return Optional.of(own.deepCopy());
        }
        JsonNode global = root.path("Globals").path("Function").get(property);
        return Optional.ofNullable(global).map(JsonNode::deepCopy);
    }

    /**
     * The handler class a function names ({@code Handler}, without a {@code ::method} suffix).
     *
     * @throws IllegalArgumentException if the function has no handler
     */
    public String handlerClass(String functionId) {
        String handler = functionProperty(functionId, "Handler")
                .map(JsonNode::asText)
                .orElseThrow(() -> new IllegalArgumentException("function [" + functionId + "] has no Handler"));
        int method = handler.indexOf("::");
        return method < 0 ? handler : handler.substring(0, method);
    }

    /**
     * The DynamoDB stream event source of a function: the function's only SAM event of type {@code
     * DynamoDB}, or else the template's only {@code AWS::Lambda::EventSourceMapping} whose {@code
     * FunctionName} refers to it.
     *
     * @throws IllegalArgumentException if there is none, or more than one
     */
    public StreamEventSource streamEventSource(String functionId) {
        Resource function = function(functionId);
        List<StreamEventSource> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        function.properties().path("Events").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> event = it.next();
            if ("DynamoDB".equals(event.getValue().path("Type").asText())) {
                found.add(new StreamEventSource(
                        functionId, event.getKey(), event.getValue().path("Properties")));
            }
        }
        if (found.isEmpty()) {
            for (Resource mapping : resourcesOfType("AWS::Lambda::EventSourceMapping")) {
                if (refersTo(mapping.properties().path("FunctionName"), functionId)) {
                    found.add(new StreamEventSource(functionId, mapping.logicalId(), mapping.properties()));
                }
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException("function [" + functionId + "] has " + found.size()
                    + " DynamoDB stream event sources; name one with streamEventSource(functionId, eventId)");
        }
        return found.get(0);
    }

    /**
     * A DynamoDB stream event source by the SAM event's name (or the mapping resource's logical id).
     *
     * @throws IllegalArgumentException if the function has no such DynamoDB event source
     */
    public StreamEventSource streamEventSource(String functionId, String eventId) {
        Resource function = function(functionId);
        JsonNode event = function.properties().path("Events").get(eventId);
        if (event != null && "DynamoDB".equals(event.path("Type").asText())) {
            return new StreamEventSource(functionId, eventId, event.path("Properties"));
        }
        JsonNode mapping = root.path("Resources").get(eventId);
        if (mapping != null
                && "AWS::Lambda::EventSourceMapping".equals(mapping.path("Type").asText())
                && refersTo(mapping.path("Properties").path("FunctionName"), functionId)) {
            return new StreamEventSource(functionId, eventId, mapping.path("Properties"));
        }
        throw new IllegalArgumentException(
                "function [" + functionId + "] has no DynamoDB event source [" + eventId + "]");
    }

    private Resource function(String functionId) {
        Resource function = resource(functionId);
        if (!function.type().equals("AWS::Serverless::Function")
                && !function.type().equals("AWS::Lambda::Function")) {
            throw new IllegalArgumentException(
                    "resource [" + functionId + "] is a " + function.type() + ", not a function");
        }
        return function;
    }

    /** Whether a value names the resource: its logical id, {@code Ref} or {@code Fn::GetAtt} of it. */
    static boolean refersTo(JsonNode value, String logicalId) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (value.isTextual()) {
            String text = value.asText();
            return text.equals(logicalId) || text.startsWith(logicalId + ".");
        }
        if (value.has("Ref")) {
            return refersTo(value.get("Ref"), logicalId);
        }
        JsonNode getAtt = value.get("Fn::GetAtt");
        if (getAtt != null) {
            return getAtt.isArray() ? refersTo(getAtt.path(0), logicalId) : refersTo(getAtt, logicalId);
        }
        return false;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * A resource of the template.
     *
     * @param logicalId its logical id
     * @param node its definition ({@code Type}, {@code Properties}, ...)
     */
    public record Resource(String logicalId, JsonNode node) {
        public Resource {
            Objects.requireNonNull(logicalId, "logicalId");
            node = node.deepCopy();
        }

        /** Its {@code Type}. */
        public String type() {
            return node.path("Type").asText();
        }

        /** Its {@code Properties}, empty if it has none. */
        public JsonNode properties() {
            JsonNode properties = node.get("Properties");
            return properties == null ? JsonNodeFactory.instance.objectNode() : properties;
        }
    }

    /**
     * How a function reads a DynamoDB stream: a SAM {@code DynamoDB} event or an {@code
     * AWS::Lambda::EventSourceMapping}, whose properties have the same names.
     *
     * @param functionId the function's logical id
     * @param id the SAM event's name, or the mapping resource's logical id
     * @param properties the event source's properties
     */
    public record StreamEventSource(String functionId, String id, JsonNode properties) {
        public StreamEventSource {
            Objects.requireNonNull(functionId, "functionId");
            Objects.requireNonNull(id, "id");
            properties = properties == null || properties.isMissingNode()
                    ? JsonNodeFactory.instance.objectNode()
                    : properties.deepCopy();
        }

        /** The stream it reads ({@code Stream}, or {@code EventSourceArn} on a mapping resource). */
        public Optional<JsonNode> stream() {
            JsonNode stream = properties.has("Stream") ? properties.get("Stream") : properties.get("EventSourceArn");
            return Optional.ofNullable(stream);
        }

        /** Whether {@code FunctionResponseTypes} holds {@code ReportBatchItemFailures}. */
        public boolean reportsBatchItemFailures() {
            for (JsonNode type : properties.path("FunctionResponseTypes")) {
                if ("ReportBatchItemFailures".equals(type.asText())) {
                    return true;
                }
            }
            return false;
        }

        /** {@code BisectBatchOnFunctionError}, false when absent (Lambda's default). */
        public boolean bisectsBatchOnFunctionError() {
            return properties.path("BisectBatchOnFunctionError").asBoolean(false);
        }

        /** {@code MaximumRetryAttempts}, empty when absent (Lambda's default: -1, until the records expire). */
        public Optional<Integer> maximumRetryAttempts() {
            return integer("MaximumRetryAttempts");
        }

        /** {@code MaximumRecordAgeInSeconds}, empty when absent (Lambda's default: -1, the stream's retention). */
        public Optional<Integer> maximumRecordAgeInSeconds() {
            return integer("MaximumRecordAgeInSeconds");
        }

        /** {@code BatchSize}, empty when absent (Lambda's default: 100). */
        public Optional<Integer> batchSize() {
            return integer("BatchSize");
        }

        /** {@code ParallelizationFactor}, empty when absent (Lambda's default: 1). */
        public Optional<Integer> parallelizationFactor() {
            return integer("ParallelizationFactor");
        }

        /** {@code MaximumBatchingWindowInSeconds}, empty when absent (Lambda's default: 0). */
        public Optional<Integer> maximumBatchingWindowInSeconds() {
            return integer("MaximumBatchingWindowInSeconds");
        }

        /** {@code StartingPosition}, empty when absent. */
        public Optional<String> startingPosition() {
            JsonNode value = properties.get("StartingPosition");
            return value == null ? Optional.empty() : Optional.of(value.asText());
        }

        /** {@code DestinationConfig.OnFailure.Destination}, empty when there is none. */
        public Optional<JsonNode> onFailureDestination() {
            JsonNode destination =
                    properties.path("DestinationConfig").path("OnFailure").get("Destination");
            return destination == null || destination.isNull() ? Optional.empty() : Optional.of(destination);
        }

        /** The patterns of {@code FilterCriteria.Filters}, as written (JSON text, or a tree). */
        public List<JsonNode> filterPatterns() {
            List<JsonNode> patterns = new ArrayList<>();
            for (JsonNode filter : properties.path("FilterCriteria").path("Filters")) {
                JsonNode pattern = filter.get("Pattern");
                if (pattern != null) {
                    patterns.add(pattern);
                }
            }
            return patterns;
        }

        private Optional<Integer> integer(String property) {
            JsonNode value = properties.get(property);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (value.canConvertToInt() || value.isTextual() && value.asText().matches("-?\\d{1,9}")) {
                return Optional.of(value.isTextual() ? Integer.parseInt(value.asText()) : value.intValue());
            }
            throw new IllegalArgumentException("event source [" + id + "] of function [" + functionId + "]: " + property
                    + " is not an integer but " + value.getNodeType());
        }
    }
}
