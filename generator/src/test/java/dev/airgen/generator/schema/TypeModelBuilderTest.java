package dev.airgen.generator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.generator.lang.ScalarKind;
import dev.airgen.schema.resolve.SchemaDocument;
import dev.airgen.schema.resolve.SchemaRef;
import dev.airgen.schema.resolve.SchemaResolver;
import dev.airgen.generator.testing.Snapshots;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The schema → type model mapping, keyword by keyword. */
class TypeModelBuilderTest {

    private static TypeModelBuilder.Mapped map(String schema, TypeModelBuilder.Side side, String property) {
        SchemaResolver resolver = new SchemaResolver(path -> null);
        SchemaDocument doc = resolver.register(new SchemaDocument("test.json", "", Snapshots.object(schema), URI.create("https://t.invalid/test.json")));
        return new TypeModelBuilder(resolver).map(SchemaRef.root(doc), side, property);
    }

    private static TypeNode type(String schema) {
        return map(schema, TypeModelBuilder.Side.RESPONSE, "value").type();
    }

    @Test
    void scalarsByType() {
        assertThat(((ScalarType) type("{\"type\":\"string\"}")).kind()).isEqualTo(ScalarKind.STRING);
        assertThat(((ScalarType) type("{\"type\":\"integer\"}")).kind()).isEqualTo(ScalarKind.INTEGER);
        assertThat(((ScalarType) type("{\"type\":\"integer\",\"maximum\":9007199254740991}")).kind()).isEqualTo(ScalarKind.LONG);
        assertThat(((ScalarType) type("{\"type\":\"number\"}")).kind()).isEqualTo(ScalarKind.NUMBER);
        assertThat(((ScalarType) type("{\"type\":\"boolean\"}")).kind()).isEqualTo(ScalarKind.BOOLEAN);
    }

    @Test
    void constraintsAreKeptForDocumentation() {
        ScalarType s = (ScalarType) type("{\"type\":\"integer\",\"minimum\":20,\"maximum\":99,\"multipleOf\":1,\"description\":\"x\"}");
        assertThat(s.constraints().keywords()).containsOnlyKeys("minimum", "maximum", "multipleOf");
        ArrayType a = (ArrayType) type("{\"type\":\"array\",\"minItems\":1,\"maxItems\":4,\"uniqueItems\":true,\"items\":{\"type\":\"string\",\"pattern\":\"^a\"}}");
        assertThat(a.constraints().keywords()).containsOnlyKeys("minItems", "maxItems", "uniqueItems");
        assertThat(((ScalarType) a.items()).constraints().get("pattern").asString()).isEqualTo("^a");
    }

    @Test
    void nullabilityIsSeparateFromTheType() {
        TypeModelBuilder.Mapped typeArray = map("{\"type\":[\"string\",\"null\"]}", TypeModelBuilder.Side.RESPONSE, "x");
        assertThat(typeArray.nullable()).isTrue();
        assertThat(((ScalarType) typeArray.type()).kind()).isEqualTo(ScalarKind.STRING);
        assertThat(map("{\"type\":\"string\",\"nullable\":true}", TypeModelBuilder.Side.RESPONSE, "x").nullable()).isTrue();
        TypeModelBuilder.Mapped anyOf = map("{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}", TypeModelBuilder.Side.RESPONSE, "x");
        assertThat(anyOf.nullable()).isTrue();
        assertThat(anyOf.type()).isInstanceOf(ScalarType.class);
        assertThat(map("{\"type\":\"string\",\"enum\":[\"a\",null]}", TypeModelBuilder.Side.RESPONSE, "x").nullable()).isTrue();
        assertThat(map("{\"type\":\"string\"}", TypeModelBuilder.Side.RESPONSE, "x").nullable()).isFalse();
    }

    @Test
    void enumsOfStringsAndIntegers() {
        EnumType strings = (EnumType) type("{\"type\":\"string\",\"enum\":[\"JPG\",\"PNG\"]}");
        assertThat(strings.kind()).isEqualTo(ScalarKind.STRING);
        assertThat(strings.values()).extracting(v -> v.asString()).containsExactly("JPG", "PNG");
        EnumType ints = (EnumType) type("{\"type\":\"integer\",\"enum\":[4,6,8]}");
        assertThat(ints.kind()).isEqualTo(ScalarKind.INTEGER);
    }

    @Test
    void oneOfConstantsIsAnEnumerationWithDocumentedValues() {
        EnumType e = (EnumType) type("{\"type\":\"string\",\"oneOf\":[{\"const\":\"sync\",\"title\":\"Wait\"},{\"const\":\"async\",\"description\":\"Poll\"}]}");
        assertThat(e.values()).hasSize(2);
        assertThat(e.valueDocs().values()).containsExactlyInAnyOrder("Wait", "Poll");
    }

    @Test
    void constIsAFixedValue() {
        ConstType c = (ConstType) type("{\"type\":\"string\",\"const\":\"imageInference\"}");
        assertThat(c.value().asString()).isEqualTo("imageInference");
        assertThat(((ConstType) type("{\"const\":4}")).kind()).isEqualTo(ScalarKind.INTEGER);
    }

    @Test
    void trueOrObjectIsAShapeUnionWithAConstantAlternative() {
        UnionType u = (UnionType) type("{\"oneOf\":[{\"const\":true},{\"type\":\"object\",\"properties\":{\"steps\":{\"type\":\"integer\"}}}]}");
        assertThat(u.discriminator()).isNull();
        assertThat(u.variants()).extracting(UnionType.Variant::shape).containsExactly(UnionType.Shape.BOOLEAN, UnionType.Shape.OBJECT);
        assertThat(u.variants().get(0).tag().asBoolean()).isTrue();
    }

    @Test
    void objectsSharingAConstPropertyAreADiscriminatedUnion() {
        UnionType u = (UnionType) type("""
                {"oneOf":[{"type":"object","properties":{"kind":{"const":"a"},"x":{"type":"string"}}},
                          {"type":"object","properties":{"kind":{"const":"b"},"y":{"type":"integer"}}}]}""");
        assertThat(u.discriminator()).isEqualTo("kind");
        assertThat(u.variants()).extracting(UnionType.Variant::name).containsExactly("a", "b");
    }

    @Test
    void typeArraysOfSeveralKindsAreUnions() {
        UnionType u = (UnionType) type("{\"type\":[\"string\",\"number\"]}");
        assertThat(u.variants()).extracting(UnionType.Variant::shape).containsExactly(UnionType.Shape.STRING, UnionType.Shape.NUMBER);
    }

    @Test
    void emptySchemaIsAnyValueUnlessItIsAMediaInputOnARequest() {
        assertThat(type("{}")).isInstanceOf(AnyType.class);
        assertThat(map("{}", TypeModelBuilder.Side.REQUEST, "seedImage").type()).isInstanceOf(MediaType.class);
        assertThat(map("{\"type\":\"string\"}", TypeModelBuilder.Side.REQUEST, "maskImage").type()).isInstanceOf(MediaType.class);
        assertThat(map("{}", TypeModelBuilder.Side.RESPONSE, "seedImage").type()).isInstanceOf(AnyType.class);
        ArrayType refs = (ArrayType) map("{\"type\":\"array\",\"items\":{}}", TypeModelBuilder.Side.REQUEST, "referenceImages").type();
        assertThat(refs.items()).isInstanceOf(MediaType.class);
    }

    @Test
    void objectsKeepPresenceAndAdditionalProperties() {
        ObjectType o = (ObjectType) type("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"integer\"}},"
                + "\"required\":[\"a\"],\"additionalProperties\":false}");
        assertThat(o.property("a").required()).isTrue();
        assertThat(o.property("b").required()).isFalse();
        assertThat(o.extra()).isEqualTo(ObjectType.Extra.FORBIDDEN);
        ObjectType typed = (ObjectType) type("{\"properties\":{\"a\":{\"type\":\"string\"}},\"additionalProperties\":{\"type\":\"number\"}}");
        assertThat(typed.extra()).isEqualTo(ObjectType.Extra.TYPED);
        assertThat(((ObjectType) type("{\"properties\":{\"a\":{}}}")).extra()).isEqualTo(ObjectType.Extra.ANY);
        MapType map = (MapType) type("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}");
        assertThat(((ScalarType) map.values()).kind()).isEqualTo(ScalarKind.INTEGER);
        assertThat(((MapType) type("{\"type\":\"object\"}")).values()).isInstanceOf(AnyType.class);
    }

    @Test
    void allOfPartsMergeIntoOneObjectAndRulesAreKeptApart() {
        ObjectType o = (ObjectType) type("""
                {"allOf":[{"type":"object","properties":{"width":{"type":"integer"}},"required":["width"]},
                          {"properties":{"height":{"type":"integer"}},"required":["height"]},
                          {"dependentRequired":{"width":["height"]}},
                          {"oneOf":[{"title":"Square","properties":{"width":{"const":1024},"height":{"const":1024}}},
                                    {"not":{"required":["width"]}}]}]}""");
        assertThat(o.properties()).extracting(Property::name).containsExactly("width", "height");
        assertThat(o.properties()).allMatch(Property::required);
        assertThat(o.rules()).extracting(Rule::keyword).containsExactly("dependentRequired", "oneOf");
        assertThat(o.rules().get(0).summary()).isEqualTo("When {@code width} is set, {@code height} must be set too.");
        assertThat(o.rules().get(1).summary()).contains("Exactly one of").contains("Square").contains("{@code width} = 1024");
    }

    @Test
    void branchOnlyPropertiesBecomeOptionalProperties() {
        ObjectType o = (ObjectType) type("""
                {"type":"object","properties":{"a":{"type":"string"}},
                 "oneOf":[{"properties":{"frames":{"type":"array","items":{"type":"string"}}},"required":["frames"]},{"required":["a"]}]}""");
        assertThat(o.property("frames")).isNotNull();
        assertThat(o.property("frames").required()).isFalse();
        assertThat(o.rules()).hasSize(1);
    }

    @Test
    void refsResolveAndNameByDefinitionKeyAndRecursionIsSupported() {
        ObjectType o = (ObjectType) type("""
                {"type":"object","properties":{"lora":{"type":"array","items":{"$ref":"#/$defs/LoraItem"}},
                  "node":{"$ref":"#/definitions/node"}},
                 "$defs":{"LoraItem":{"type":"object","properties":{"model":{"type":"string"}}}},
                 "definitions":{"node":{"type":"object","properties":{"child":{"$ref":"#/definitions/node"}}}}}""");
        ObjectType lora = (ObjectType) ((ArrayType) o.property("lora").type()).items();
        assertThat(lora.definitionName()).isEqualTo("LoraItem");
        ObjectType node = (ObjectType) o.property("node").type();
        assertThat(node.property("child").type()).isSameAs(node);
    }

    @Test
    void typelessSchemasAreInferredFromTheirKeywords() {
        assertThat(((ScalarType) type("{\"pattern\":\"^x\"}")).kind()).isEqualTo(ScalarKind.STRING);
        assertThat(((ScalarType) type("{\"minimum\":1}")).kind()).isEqualTo(ScalarKind.NUMBER);
        assertThat(type("{\"items\":{\"type\":\"string\"}}")).isInstanceOf(ArrayType.class);
        assertThat(type("{\"not\":{\"type\":\"string\"}}")).isInstanceOf(AnyType.class);
    }

    @Test
    void everyKeywordTheTableTiesToOneTypeInfersIt() {
        assertThat(type("{\"contains\":{\"const\":1}}")).isInstanceOf(ArrayType.class);
        assertThat(type("{\"uniqueItems\":true}")).isInstanceOf(ArrayType.class);
        assertThat(((ScalarType) type("{\"contentEncoding\":\"base64\"}")).kind()).isEqualTo(ScalarKind.STRING);
        assertThat(((ScalarType) type("{\"multipleOf\":2}")).kind()).isEqualTo(ScalarKind.NUMBER);
        assertThat(type("{\"title\":\"only annotated\"}")).isInstanceOf(AnyType.class);
    }

    @Test
    void anAllOfPartThatOnlyNarrowsAPropertyIsARuleNotANewShape() {
        ObjectType o = (ObjectType) type("""
                {"type":"object","properties":{"tags":{"type":"array","items":{"type":"string"}},"size":{"type":"integer"}},
                 "allOf":[{"properties":{"tags":{"uniqueItems":true,"minItems":1},"size":{"multipleOf":64}}}]}""");
        assertThat(o.property("tags").type()).isInstanceOf(ArrayType.class);
        assertThat(((ScalarType) o.property("size").type()).kind()).isEqualTo(ScalarKind.INTEGER);
        assertThat(o.rules()).hasSize(1);
    }

    @Test
    void annotationsThatAllOfPartsStateDifferentlyTakeTheFirst() {
        ObjectType o = (ObjectType) type("""
                {"type":"object","allOf":[
                  {"properties":{"id":{"type":"string"}},"readOnly":true,"title":"First"},
                  {"properties":{"id":{"type":"string"}},"readOnly":false,"title":"Second"}]}""");
        assertThat(o.title()).isEqualTo("First");
        assertThat(o.property("id").type()).isInstanceOf(ScalarType.class);
    }

    @Test
    void examplesDefaultsAndDescriptionsReachProperties() {
        ObjectType o = (ObjectType) type("{\"properties\":{\"q\":{\"type\":\"integer\",\"default\":95,\"examples\":[80],\"description\":\"Quality\",\"deprecated\":true}}}");
        Property q = o.property("q");
        assertThat(q.defaultValue().asInt()).isEqualTo(95);
        assertThat(q.examples()).hasSize(1);
        assertThat(q.description()).isEqualTo("Quality");
        assertThat(q.deprecated()).isTrue();
    }
}
