package dev.airgen.schema.resolve;

import dev.airgen.schema.keyword.Keywords;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Finds the resources a schema document embeds: every schema below the root that declares an {@code $id},
 * and every {@code $anchor}, each with the base URI it belongs to. The one rule for what counts:
 * <ul>
 *   <li>values of data keywords ({@code enum}, {@code const}, {@code default}, {@code examples}) are never searched;</li>
 *   <li>in a map from names to schemas ({@code properties}, {@code $defs}, ...) a member named {@code $id} or
 *       {@code $anchor} is a name, not a keyword;</li>
 *   <li>an {@code $id} that is only a fragment ({@code #foo}) names no new resource.</li>
 * </ul>
 */
public final class EmbeddedIds {

    /**
     * What a walk reports. {@code R} is the caller's handle of a resource (the document, its URI).
     *
     * @param <R> the type of resource handle
     */
    public interface Visitor<R> {
        /**
         * An embedded resource.
         *
         * @param enclosing the resource it is found in
         * @param pointer   its JSON pointer inside {@code enclosing}
         * @param node      the embedded schema
         * @param id        its absolute URI, without fragment
         * @return the handle of the new resource, used for what lies inside it
         */
        R resource(R enclosing, String pointer, JsonNode node, URI id);

        /** A plain-name fragment ({@code $anchor}) at {@code pointer} inside {@code resource}. */
        default void anchor(R resource, URI base, String pointer, String anchor) {
        }
    }

    private EmbeddedIds() {
    }

    /**
     * Walks a resource root (whose own {@code $id}, if any, the caller has applied to {@code base}).
     *
     * @param root    the resource's schema
     * @param handle  the caller's handle of that resource
     * @param base    its base URI
     */
    public static <R> void walk(JsonNode root, R handle, URI base, Visitor<R> visitor) {
        walk(root, handle, base, null, false, visitor);
    }

    /**
     * Where a walk is, as a chain of tokens up to the resource root (null there): most nodes hold no
     * {@code $id} or {@code $anchor}, so the pointer text is only built for those that do.
     */
    private record Location(Location parent, String token) {
        String pointer() {
            StringBuilder out = new StringBuilder();
            append(out);
            return out.toString();
        }

        private void append(StringBuilder out) {
            if (parent != null) {
                parent.append(out);
            }
            out.append('/').append(token);
        }
    }

    private static String pointer(Location at) {
        return at == null ? "" : at.pointer();
    }

    private static <R> void walk(JsonNode node, R resource, URI base, Location at, boolean nameMap, Visitor<R> visitor) {
        if (node.isObject()) {
            if (!nameMap) {
                JsonNode id = node.get("$id");
                if (at != null && id != null && id.isString() && !id.asString().startsWith("#")) {
                    URI absolute = stripFragment(base.resolve(id.asString()));
                    R embedded = visitor.resource(resource, at.pointer(), node, absolute);
                    walk(node, embedded, absolute, null, false, visitor);
                    return;
                }
                JsonNode anchor = node.get("$anchor");
                if (anchor != null && anchor.isString()) {
                    visitor.anchor(resource, base, pointer(at), anchor.asString());
                }
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                if (!nameMap && Keywords.DATA.contains(key)) {
                    continue;
                }
                JsonNode value = field.getValue();
                if (value.isContainer()) {
                    walk(value, resource, base, new Location(at, escape(key)), !nameMap && Keywords.SUBSCHEMA_MAP.contains(key), visitor);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isContainer()) {
                    walk(item, resource, base, new Location(at, Integer.toString(i)), false, visitor);
                }
            }
        }
    }

    /** A JSON pointer token for a name (RFC 6901 escaping). */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** The URI without its fragment. */
    public static URI stripFragment(URI uri) {
        try {
            return new URI(uri.getScheme(), uri.getSchemeSpecificPart(), null);
        } catch (URISyntaxException e) {
            return uri;
        }
    }
}
