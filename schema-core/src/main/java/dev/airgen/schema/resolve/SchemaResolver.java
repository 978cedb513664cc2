package dev.airgen.schema.resolve;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Resolves {@code $ref}s between the documents of one snapshot, offline. Every document is known by its
 * base URI and by any {@code $id} it declares; a reference to anything else is an error naming the
 * reference, never a download. A reference inside a subschema that declares its own {@code $id} resolves
 * against that embedded resource (JSON Schema 2020-12, 8.2.1): relative URIs against its {@code $id},
 * {@code #/...} pointers from its root, {@code #name} among its anchors. Safe for use by several threads.
 */
public final class SchemaResolver {

    /** Base URI of snapshot files; the reserved {@code .invalid} domain guarantees it never resolves. */
    public static final URI SNAPSHOT_BASE = URI.create("https://snapshot.invalid/");

    private final Map<String, SchemaDocument> byUri = new HashMap<>();
    private final Map<String, SchemaRef> anchors = new HashMap<>();
    /** Every embedded resource (a subschema with its own {@code $id}) by the file it lies in. */
    private final Map<String, List<SchemaDocument>> embeddedByFile = new HashMap<>();
    private final FileLoader fileLoader;

    /** Loads the snapshot files that {@code $ref}s name. */
    @FunctionalInterface
    public interface FileLoader {
        /**
         * Loads a snapshot-relative path (percent-decoded) as a whole-file document.
         *
         * @return the document, or null when the snapshot has no such file
         * @throws SnapshotFiles.Refused when the path may not be read (outside the snapshot, not a JSON file, not
         *                               parseable); the reason never quotes the file's content
         */
        SchemaDocument load(String relativePath) throws SnapshotFiles.Refused;
    }

    /** @param fileLoader loads the files {@code $ref}s name */
    public SchemaResolver(FileLoader fileLoader) {
        this.fileLoader = fileLoader;
    }

    /** The base URI of a snapshot-relative file. */
    public static URI fileUri(String relativePath) {
        return SNAPSHOT_BASE.resolve(encodePath(relativePath));
    }

    private static String encodePath(String path) {
        try {
            return new URI(null, null, path, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    /** Registers a document and every embedded resource ({@code $id}, {@code $anchor}) inside it. */
    public synchronized SchemaDocument register(SchemaDocument document) {
        JsonNode root = document.root();
        SchemaDocument effective = document;
        if (root.isObject() && root.path("$id").isString()) {
            URI id = document.baseUri().resolve(root.get("$id").asString());
            effective = new SchemaDocument(document.file(), document.pointer(), root, stripFragment(id));
        }
        byUri.putIfAbsent(key(effective.baseUri()), effective);
        byUri.putIfAbsent(key(document.baseUri()), effective);
        indexEmbedded(effective);
        return effective;
    }

    private void indexEmbedded(SchemaDocument document) {
        EmbeddedIds.walk(document.root(), document, document.baseUri(), new EmbeddedIds.Visitor<SchemaDocument>() {
            @Override
            public SchemaDocument resource(SchemaDocument enclosing, String pointer, JsonNode node, URI id) {
                SchemaDocument embedded = new SchemaDocument(enclosing.file(), enclosing.pointer() + pointer, node, id);
                byUri.putIfAbsent(key(id), embedded);
                embeddedByFile.computeIfAbsent(embedded.file(), f -> new ArrayList<>()).add(embedded);
                return embedded;
            }

            @Override
            public void anchor(SchemaDocument resource, URI base, String pointer, String anchor) {
                anchors.putIfAbsent(key(base) + "#" + anchor, new SchemaRef(resource, pointer));
            }
        });
    }

    /**
     * Resolves a {@code $ref} found in the schema at {@code from}.
     *
     * @throws dev.airgen.schema.SchemaException naming {@code from} when the target is missing or remote
     */
    public SchemaRef resolve(SchemaRef from, String ref) {
        from = innermost(from);
        Origin origin = from.origin().child("$ref");
        URI target;
        try {
            target = from.document().baseUri().resolve(new URI(null, null, null, null).resolve(ref.replace(" ", "%20")));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw origin.error("malformed $ref '" + ref + "'");
        }
        String fragment = target.getRawFragment() == null ? "" : URLDecoder.decode(target.getRawFragment(), StandardCharsets.UTF_8);
        SchemaDocument document = document(stripFragment(target), from, ref, origin);
        if (!fragment.isEmpty() && !fragment.startsWith("/")) {
            SchemaRef anchored = anchor(key(document.baseUri()) + "#" + fragment);
            if (anchored == null) {
                throw origin.error("$ref '" + ref + "' names anchor '" + fragment + "', which is not declared");
            }
            return anchored;
        }
        JsonNode node = fragment.isEmpty() ? document.root() : document.root().at(fragment);
        if (node.isMissingNode()) {
            throw origin.error("$ref '" + ref + "' points to nothing: " + document.file() + "#" + document.pointer() + fragment + " does not exist");
        }
        return new SchemaRef(document, fragment);
    }

    private synchronized SchemaDocument document(URI uri, SchemaRef from, String ref, Origin origin) {
        if (uri.equals(stripFragment(from.document().baseUri()))) {
            return from.document();
        }
        SchemaDocument known = byUri.get(key(uri));
        if (known != null) {
            return known;
        }
        String base = SNAPSHOT_BASE.toString();
        if (uri.toString().startsWith(base)) {
            String relative = URLDecoder.decode(uri.getRawPath().substring(SNAPSHOT_BASE.getRawPath().length()), StandardCharsets.UTF_8);
            SchemaDocument loaded;
            try {
                loaded = fileLoader.load(relative);
            } catch (SnapshotFiles.Refused refused) {
                throw origin.error("$ref '" + ref + "' refers to '" + relative + "', which " + refused.getMessage());
            }
            if (loaded == null) {
                throw origin.error("$ref '" + ref + "' refers to file '" + relative + "', which is not in the snapshot");
            }
            return register(loaded);
        }
        throw origin.error("$ref '" + ref + "' is remote (" + uri + ") and the snapshot does not contain it; references are resolved offline only");
    }

    // The maps change only under this lock (a reference may load a file), so they are read under it too: the
    // generator resolves from several threads at once when it writes the schema resources.
    private synchronized SchemaRef anchor(String key) {
        return anchors.get(key);
    }

    private synchronized SchemaDocument known(String key) {
        return byUri.get(key);
    }

    /**
     * {@code ref} re-expressed inside the innermost embedded resource of its document that contains it (itself
     * when there is none), so that what it refers to resolves against the right base URI and root.
     */
    private synchronized SchemaRef innermost(SchemaRef ref) {
        List<SchemaDocument> candidates = embeddedByFile.get(ref.document().file());
        if (candidates == null) {
            return ref;
        }
        String at = ref.document().pointer() + ref.pointer();
        SchemaDocument best = ref.document();
        for (SchemaDocument resource : candidates) {
            String p = resource.pointer();
            if (p.length() > best.pointer().length() && p.startsWith(best.pointer() + "/") && (at.equals(p) || at.startsWith(p + "/"))) {
                best = resource;
            }
        }
        return best == ref.document() ? ref : new SchemaRef(best, at.substring(best.pointer().length()));
    }

    /**
     * The ref to use for a child node: itself, or the embedded resource it starts when it declares an
     * {@code $id}, so that relative references below it resolve against the right base.
     */
    public SchemaRef enter(SchemaRef ref) {
        JsonNode node = ref.node();
        if (!ref.pointer().isEmpty() && node.isObject() && node.path("$id").isString()) {
            URI id = stripFragment(ref.document().baseUri().resolve(node.get("$id").asString()));
            SchemaDocument embedded = known(key(id));
            if (embedded != null && embedded.root() == node) {
                return SchemaRef.root(embedded);
            }
        }
        return ref;
    }

    /** A JSON pointer token for a name (RFC 6901 escaping). */
    public static String escape(String token) {
        return EmbeddedIds.escape(token);
    }

    private static URI stripFragment(URI uri) {
        return EmbeddedIds.stripFragment(uri);
    }

    private static String key(URI uri) {
        return stripFragment(uri.normalize()).toString();
    }
}
