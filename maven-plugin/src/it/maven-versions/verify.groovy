import dev.airgen.maven.it.MavenRun
import java.nio.file.Files
import java.nio.file.attribute.FileTime

def emulator = context.get('emulator')
try {
    def build = { String name, String... args -> MavenRun.run(mavenHome, basedir, localRepositoryPath, userRepository, "build-${name}.log", 0, args) }
    def sources = new File(basedir, 'target/generated-sources/airgen/com/example/versions')

    // The Maven version this execution is about.
    assert build('version', '--version').contains("Apache Maven ${mavenVersion} ")

    // 1. Generate and compile.
    def first = new File(basedir, 'build.log').text
    assert first =~ /airgen: 15 files written, 0 unchanged, 0 stale deleted \(snapshot / : first
    assert new File(basedir, 'target/classes/com/example/versions/AcmeImageRequest.class').isFile()
    assert new File(basedir, 'target/classes/com/example/versions/schemas/AcmeImageRequest.json').isFile()

    // 2. Nothing changed: the goal reads and writes nothing, javac has nothing to compile.
    def pinned = FileTime.fromMillis(946684800000L) // 2000-01-01
    def generated = []
    ['target/generated-sources/airgen', 'target/generated-resources/airgen'].each { dir ->
        new File(basedir, dir).eachFileRecurse(groovy.io.FileType.FILES) { generated << it }
    }
    generated.each { Files.setLastModifiedTime(it.toPath(), pinned) }
    def noop = build('noop', 'compile')
    assert noop.contains('airgen: inputs unchanged, nothing written (snapshot ') : noop
    assert noop.contains('Nothing to compile - all classes are up to date') : noop
    assert generated.every { Files.getLastModifiedTime(it.toPath()) == pinned }

    // 3. Refresh from the schemas service, then build the refreshed snapshot.
    def refreshed = build('refresh', 'airgen:refresh', "-Dairgen.schemasUrl=${emulator.schemasUrl()}")
    assert refreshed.contains('Snapshot changes 20260101000000 -> 20260722152433: 1 model added, 0 removed, 0 changed; 0 breaking changes') : refreshed
    assert refreshed.contains("airgen: wrote release 20260722152433 to ${new File(basedir, 'snapshot/schema-map.json').absolutePath}") : refreshed
    def after = build('after-refresh', 'compile')
    assert after =~ /airgen: \d+ files written, \d+ unchanged, 0 stale deleted/ : after
    assert new File(sources, 'AcmeImage2Request.java').isFile()
    assert new File(basedir, 'target/classes/com/example/versions/AcmeImage2Request.class').isFile()
} finally {
    emulator.close()
}
return true
