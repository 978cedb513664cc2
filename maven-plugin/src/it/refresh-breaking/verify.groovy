import dev.airgen.maven.it.MavenRun

def emulator = context.get('emulator')
try {
    def snapshot = new File(basedir, 'snapshot/schema-map.json')
    // Breaking changes are warnings, so that CI logs filtered to warnings still show them.
    def report = [
        '[WARNING] Snapshot changes 20250101000000 -> 20260722152433: 1 model added, 1 removed, 1 changed; 6 breaking changes',
        '[INFO] Added models:',
        '[INFO]   + acme:video@1',
        '[WARNING] Removed models (breaking):',
        '[WARNING]   - acme:old@1',
        '[INFO] Changed models:',
        '[WARNING]   ~ acme:image@1',
        '[WARNING]       breaking: parameter removed: steps',
        '[WARNING]       breaking: enum values narrowed: outputFormat (removed WEBP)',
        '[WARNING]       breaking: type changed: seed (integer -> string)',
        '[WARNING]       breaking: range narrowed: strength (minimum 0 -> 0.1)',
        '[WARNING]       breaking: newly required: width (new parameter)',
        '[INFO]       addition: enum values added: outputFormat (added AVIF)',
        '[INFO]       addition: new optional parameter: acceleration',
        '[WARNING] Java API changes (7 breaking, 8 additions):',
        '[WARNING]   breaking: type removed: AcmeOld1Request',
        '[WARNING]   breaking: member removed: AcmeImage1Request.Builder method AcmeImage1Request.Builder steps(int)',
        '[WARNING]   breaking: member removed: AcmeImage1Request method java.util.Optional<Integer> steps()',
        '[WARNING]   breaking: member removed: RunwareCatalog field static dev.airgen.runtime.types.ModelInfo ACME_OLD_AT_1',
        '[WARNING]   breaking: signature changed: AcmeImage1Request.Builder method AcmeImage1Request.Builder seed(int) -> method AcmeImage1Request.Builder seed(String)',
        '[WARNING]   breaking: signature changed: AcmeImage1Request method java.util.Optional<Integer> seed() -> method java.util.Optional<String> seed()',
        '[WARNING]   breaking: enum constant removed: AcmeImage1Request.OutputFormat field static AcmeImage1Request.OutputFormat WEBP',
        '[INFO]   addition: type added: AcmeImage1Request.Acceleration',
        '[INFO]   addition: type added: AcmeVideo1Request',
        '[INFO]   addition: member added: AcmeImage1Request.Builder method AcmeImage1Request.Builder acceleration(AcmeImage1Request.Acceleration)',
        '[INFO]   addition: member added: AcmeImage1Request.Builder method AcmeImage1Request.Builder width(int)',
        '[INFO]   addition: member added: AcmeImage1Request method Integer width()',
        '[INFO]   addition: member added: AcmeImage1Request method java.util.Optional<AcmeImage1Request.Acceleration> acceleration()',
        '[INFO]   addition: member added: RunwareCatalog field static dev.airgen.runtime.types.ModelInfo ACME_VIDEO_AT_1',
        '[INFO]   addition: enum constant added: AcmeImage1Request.OutputFormat field static AcmeImage1Request.OutputFormat AVIF',
    ]
    def reportOf = { String log ->
        def lines = log.readLines()
        def start = lines.findIndexOf { it.startsWith('[WARNING] Snapshot changes ') }
        assert start >= 0 : log
        lines.subList(start, Math.min(lines.size(), start + report.size()))
    }

    // 1. failOnBreaking: the report is printed, the build fails, the old snapshot stays byte for byte.
    def refused = new File(basedir, 'build.log').text
    assert reportOf(refused) == report
    assert refused.contains("[ERROR] Failed to execute goal dev.airgen:airgen-maven-plugin:${pluginVersion}:refresh (default-cli) on project " +
            "refresh-breaking: airgen: 13 breaking changes (see the report above) and failOnBreaking is set; ${snapshot.absolutePath} was left unchanged") : refused
    assert snapshot.bytes == context.get('before')
    assert new File(basedir, 'snapshot').list().toList().sort() == ['schema-map.json']

    // 2. Without failOnBreaking the release replaces the snapshot, with the same report.
    def url = emulator.schemasUrl().toString()
    def accepted = MavenRun.run(basedir, localRepositoryPath, userRepository, 'build-accepted.log', 0, 'airgen:refresh', "-Dairgen.schemasUrl=${url}")
    assert reportOf(accepted) == report
    assert accepted.contains("[INFO] airgen: wrote release 20260722152433 to ${snapshot.absolutePath}")
    assert snapshot.text == new File(basedir, 'release/schema-map.json').text

    // 3. The next build generates from the refreshed snapshot.
    def generated = MavenRun.run(basedir, localRepositoryPath, userRepository, 'build-generated.log', 0, 'generate-sources')
    def pkg = new File(basedir, 'target/generated-sources/airgen/com/example/refreshed')
    assert generated.contains('airgen: 2 request classes')
    assert pkg.list().findAll { it.endsWith('Request.java') }.sort() == ['AcmeImage1Request.java', 'AcmeVideo1Request.java']
    assert new File(pkg, 'AcmeImage1Request.java').text.contains('acceleration')
} finally {
    emulator.close()
}
return true
