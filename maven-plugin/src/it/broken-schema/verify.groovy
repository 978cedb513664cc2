def log = new File(basedir, 'build.log').text
def location = "schema-map.json#/inference/0/requestSchema/properties/outputFormat/\$ref: " +
        "\$ref 'common.json#/\$defs/imageFormat' points to nothing: common.json#/\$defs/imageFormat does not exist"
assert log.contains("[ERROR] Failed to execute goal dev.airgen:airgen-maven-plugin:${pluginVersion}:generate (default) " +
        "on project broken-schema: ${location}") : log
// The same message goes to the IDE marker API, attached to the file at fault.
assert log.contains(new File(basedir, 'snapshot/schema-map.json').absolutePath) : log
// Nothing half-done is left behind, and the next build will not take the failure for an up-to-date state.
assert !new File(basedir, 'target/generated-sources/airgen/com').exists()
def state = new File(basedir, 'target/airgen')
assert !state.exists() || state.listFiles().every { !new File(it, 'fingerprint.sha256').exists() }
return true
