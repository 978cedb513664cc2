package dev.airgen.emulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a binary glTF 2.0 file holding one cube, coloured from the seed. */
final class GlbEncoder {
    private static final float[] CORNERS = {
        -0.5f, -0.5f, -0.5f, 0.5f, -0.5f, -0.5f, 0.5f, 0.5f, -0.5f, -0.5f, 0.5f, -0.5f,
        -0.5f, -0.5f, 0.5f, 0.5f, -0.5f, 0.5f, 0.5f, 0.5f, 0.5f, -0.5f, 0.5f, 0.5f};
    private static final short[] TRIANGLES = {
        0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4,
        3, 7, 6, 3, 6, 2, 1, 2, 6, 1, 6, 5, 0, 4, 7, 0, 7, 3};

    private GlbEncoder() {
    }

    static byte[] encode(long seed) {
        ByteBuffer bin = ByteBuffer.allocate(CORNERS.length * 4 + TRIANGLES.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : CORNERS) {
            bin.putFloat(f);
        }
        for (short s : TRIANGLES) {
            bin.putShort(s);
        }
        int positionsBytes = CORNERS.length * 4;
        int indexBytes = TRIANGLES.length * 2;
        Picture colours = new Picture(seed, 1, 1, java.util.List.of());

        ObjectNode gltf = JsonNodes.object();
        gltf.putObject("asset").put("version", "2.0").put("generator", "AIRgen emulator");
        gltf.put("scene", 0);
        gltf.putArray("scenes").addObject().putArray("nodes").add(0);
        gltf.putArray("nodes").addObject().put("mesh", 0);
        ObjectNode prim = gltf.putArray("meshes").addObject().putArray("primitives").addObject();
        prim.putObject("attributes").put("POSITION", 0);
        prim.put("indices", 1).put("material", 0);
        ObjectNode pbr = gltf.putArray("materials").addObject().putObject("pbrMetallicRoughness");
        ArrayNode color = pbr.putArray("baseColorFactor");
        int c = colours.colorB;
        color.add(((c >> 16) & 0xFF) / 255.0).add(((c >> 8) & 0xFF) / 255.0).add((c & 0xFF) / 255.0).add(1.0);
        pbr.put("metallicFactor", 0.0).put("roughnessFactor", 1.0);
        gltf.putArray("buffers").addObject().put("byteLength", bin.capacity());
        ArrayNode views = gltf.putArray("bufferViews");
        views.addObject().put("buffer", 0).put("byteOffset", 0).put("byteLength", positionsBytes).put("target", 34962);
        views.addObject().put("buffer", 0).put("byteOffset", positionsBytes).put("byteLength", indexBytes).put("target", 34963);
        ArrayNode accessors = gltf.putArray("accessors");
        ObjectNode pos = accessors.addObject().put("bufferView", 0).put("componentType", 5126).put("count", 8).put("type", "VEC3");
        pos.putArray("min").add(-0.5).add(-0.5).add(-0.5);
        pos.putArray("max").add(0.5).add(0.5).add(0.5);
        accessors.addObject().put("bufferView", 1).put("componentType", 5123).put("count", TRIANGLES.length).put("type", "SCALAR");

        byte[] json = pad(JsonNodes.write(gltf).getBytes(StandardCharsets.UTF_8), (byte) ' ');
        byte[] data = pad(bin.array(), (byte) 0);
        ByteBuffer out = ByteBuffer.allocate(12 + 8 + json.length + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x46546C67).putInt(2).putInt(out.capacity());
        out.putInt(json.length).putInt(0x4E4F534A).put(json);
        out.putInt(data.length).putInt(0x004E4942).put(data);
        return out.array();
    }

    private static byte[] pad(byte[] b, byte filler) {
        int n = (b.length + 3) & ~3;
        byte[] out = java.util.Arrays.copyOf(b, n);
        java.util.Arrays.fill(out, b.length, n, filler);
        return out;
    }
}
