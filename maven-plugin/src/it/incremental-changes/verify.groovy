import dev.airgen.maven.it.MavenRun
import java.nio.file.Files
import java.nio.file.attribute.FileTime

def pinned = FileTime.fromMillis(946684800000L) // 2000-01-01
def sources = new File(basedir, 'target/generated-sources/airgen')
def resources = new File(basedir, 'target/generated-resources/airgen')
def tiny = new File(sources, 'com/example/tiny')

def build = { String name, Object... args ->
    int exit = args && args[0] instanceof Integer ? args[0] : 0
    String[] rest = (args && args[0] instanceof Integer ? args.drop(1) : args) as String[]
    MavenRun.run(basedir, localRepositoryPath, userRepository, "build-${name}.log", exit, rest)
}
def generatedFiles = {
    def all = []
    [sources, resources].each { root -> if (root.exists()) root.eachFileRecurse(groovy.io.FileType.FILES) { all << it } }
    all
}
def pin = { generatedFiles().each { Files.setLastModifiedTime(it.toPath(), pinned) } }
def touched = { generatedFiles().findAll { Files.getLastModifiedTime(it.toPath()) != pinned }.collect { it.name }.sort() }
def written = { String log -> def m = log =~ /airgen: (\d+) files written, (\d+) unchanged, (\d+) stale deleted/; assert m.find() : log; [m.group(1) as int, m.group(2) as int, m.group(3) as int] }

// 1. The first build (run by the invoker) generated and compiled everything.
def first = new File(basedir, 'build.log').text
assert written(first) == [13, 0, 0] // 3 requests (results nested), the holder of common.json, the catalog, 7 resources, the schema index
assert new File(basedir, 'target/classes/com/example/tiny/AcmeImageRequest.class').isFile()
assert new File(basedir, 'target/classes/com/example/tiny/schemas/AcmeImageRequest.json').isFile()
assert first =~ /airgen: compiled the generated sources: \d+ class files/ : first
assert first.contains('Compiling 1 source file') : first // the consumer's Formats only
// The plugin places the generated resources in target/classes itself; maven-resources-plugin does not see them.
assert first =~ /airgen: placed the generated resources in classes: 8 files, 8 written, 0 stale deleted/ : first
assert !first.contains('from target/generated-resources/airgen') : first
def formats = new File(basedir, 'target/classes/com/example/app/Formats.class')
assert formats.isFile()

// 2. Nothing changed: nothing written, nothing recompiled.
pin()
def unchanged = build('unchanged', 'compile')
assert unchanged.contains('airgen: inputs unchanged, nothing written (snapshot ')
assert unchanged.contains('Nothing to compile - all classes are up to date') : unchanged
assert !unchanged.contains('placed the generated resources') && !unchanged.contains('generated-resources') : unchanged
assert touched().isEmpty()
// Invoked directly (execution id default-cli) the goal shares the state of the lifecycle execution.
assert build('cli', 'airgen:generate').contains('airgen: inputs unchanged, nothing written (snapshot ')

// 2b. Every input touched, bytes kept (a checkout, a copy): the contents are hashed, found equal, and only
// the new size-and-time stamp is recorded; nothing is generated or written.
def stamp = new File(new File(basedir, 'target/airgen').listFiles().find { it.name.startsWith('airgen-') }, 'stamp.sha256')
stamp.delete()
def anHourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000L)
new File(basedir, 'snapshot').eachFile { Files.setLastModifiedTime(it.toPath(), anHourAgo) }
def touchedBuild = build('touched', 'generate-sources')
assert touchedBuild.contains('airgen: inputs unchanged, nothing written (snapshot ')
// A build that stops before compile (an IDE importing the project) leaves the compilation to a later build.
assert !(touchedBuild =~ /airgen: (compiled the generated sources|generated classes up to date)/) : touchedBuild
assert touched().isEmpty()
assert stamp.isFile()

// 3. A change in the $ref'd file regenerates, but only files whose bytes differ are written.
def common = new File(basedir, 'snapshot/common.json')
common.text = common.text.replace('["PNG", "JPG"]', '["PNG", "JPG", "WEBP"]')
def refChanged = build('ref-changed', 'compile')
assert written(refChanged) == [2, 11, 0] : refChanged
assert touched() == ['AcmeImageRequest.json', 'CommonTypes.java']
assert new File(tiny, 'CommonTypes.java').text.contains('"WEBP"')
assert refChanged =~ /airgen: compiled the generated sources: \d+ class files, [1-9]\d* written, 0 stale deleted/ : refChanged
// maven-compiler-plugin does not watch the module's own output folder: the plugin tells it to compile the
// consumer's class again, against the changed generated classes.
assert refChanged.contains('airgen: the generated classes changed: maven-compiler-plugin compiles this module') : refChanged
assert refChanged.contains('Compiling 1 source file') : refChanged

// 4. One configuration value (the package) regenerates everything and deletes the old package.
def otherPackage = build('other-package', 'generate-sources', '-Dairgen.packageName=com.example.other')
assert written(otherPackage) == [13, 0, 12] : otherPackage // the schema index lives outside the package: rewritten, not deleted
assert !tiny.exists() && !new File(resources, 'com/example/tiny').exists()
assert new File(sources, 'com/example/other/AcmeImageRequest.java').isFile()

// 5. Back to the configured package, then a model removed from the snapshot: its classes and schemas go.
build('back', 'generate-sources')
assert tiny.isDirectory() && !new File(sources, 'com/example/other').exists()
pin()
def map = new File(basedir, 'snapshot/schema-map.json')
def bundle = new groovy.json.JsonSlurper().parse(map)
bundle.inference.removeIf { it.air == 'acme:audio@1' }
map.text = groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson(bundle))
def catalog = new File(basedir, 'snapshot/catalog.json')
catalog.text = groovy.json.JsonOutput.toJson(new groovy.json.JsonSlurper().parse(catalog).findAll { it.air != 'acme:audio@1' })
def removed = build('model-removed', 'compile')
def counts = written(removed)
assert counts[2] == 3 : removed // the request (its result is nested in it) and both schemas of the audio model
assert !new File(tiny, 'AcmeAudioRequest.java').exists()
assert !new File(resources, 'com/example/tiny/schemas/AcmeAudioRequest.json').exists()
assert new File(tiny, 'AcmeVideoRequest.java').isFile()
assert counts[0] == 3 : removed // the catalog, its class and the schema index
assert touched() == ['RunwareCatalog.java', 'catalog.json', 'schema-index.json'] : touched()
assert !new File(tiny, 'RunwareCatalog.java').text.contains('acme:audio@1')
// The plugin compiles the generated sources itself: the removed model's class files go too.
assert removed =~ /airgen: compiled the generated sources: \d+ class files, \d+ written, [1-9]\d* stale deleted/ : removed
assert !new File(basedir, 'target/classes/com/example/tiny/AcmeAudioRequest.class').exists()
assert removed =~ /airgen: placed the generated resources in classes: 6 files, 2 written, 2 stale deleted/ : removed
assert !new File(basedir, 'target/classes/com/example/tiny/schemas/AcmeAudioRequest.json').exists()
assert new File(basedir, 'target/classes/com/example/tiny/schemas/AcmeVideoRequest.json').isFile()
assert new File(basedir, 'target/classes/com/example/tiny/AcmeVideoRequest.class').isFile()

// 6. A generated file deleted by hand is noticed and written again.
new File(tiny, 'AcmeVideoRequest.java').delete()
def repaired = build('repaired', 'generate-sources')
assert written(repaired)[0] == 1 : repaired
assert new File(tiny, 'AcmeVideoRequest.java').isFile()

// 7. skip still registers the source root: javac compiles the generated classes without the goal running.
new File(basedir, 'target/classes').deleteDir()
def skipped = build('skipped', 'compile', '-Dairgen.skip=true')
assert skipped.contains('airgen: skipped (airgen.skip)')
assert new File(basedir, 'target/classes/com/example/tiny/AcmeVideoRequest.class').isFile()
assert new File(basedir, 'target/classes/com/example/tiny/schemas/AcmeVideoRequest.json').isFile()

// 8. Inside Eclipse (m2e sets m2e.version) the generated sources are a compile source root again: Eclipse's
// own compiler builds source folders and wipes the output folder on a clean build.
new File(basedir, 'target/classes').deleteDir()
def eclipse = build('m2e', 'compile', '-Dm2e.version=2.0.0')
assert !(eclipse =~ /airgen: (compiled the generated sources|generated classes up to date)/) : eclipse
assert eclipse =~ /Compiling \d+ source files/ : eclipse
assert new File(basedir, 'target/classes/com/example/tiny/AcmeVideoRequest.class').isFile()

// 9. A mistake in the consumer's own code is reported at its own file, against the plugin-compiled classes.
new File(basedir, 'target/classes').deleteDir()
def app = new File(basedir, 'src/main/java/com/example/app/App.java')
app.parentFile.mkdirs()
app.text = 'package com.example.app;\nclass App {\n    int wrong = com.example.tiny.AcmeVideoRequest.builder();\n}\n'
def broken = build('user-error', 1, 'compile')
assert broken =~ /airgen: compiled the generated sources/ : broken
assert broken =~ /App\.java:\[3,\d+\] incompatible types/ : broken
// The build before compiled the generated sources as a source root, so maven-compiler-plugin's record lists
// their class files; it must not delete them now that the plugin compiled them.
assert !broken.contains('does not exist') : broken
assert !(broken =~ /generated-sources.*\.java:\[/) : broken
assert new File(basedir, 'target/classes/com/example/tiny/AcmeVideoRequest.class').isFile()
app.delete()

// 10. A clean build in the source-root layout (m2e, skip, or an older plugin version: maven-compiler-plugin
// compiles, and records, every generated class), then the plugin's own compilation again: its classes are
// all there, and maven-compiler-plugin, whose source set changed, must not delete them.
new File(basedir, 'target/classes').deleteDir()
build('m2e-again', 'compile', '-Dm2e.version=2.0.0')
def back = build('back-to-plugin', 'compile')
assert back =~ /airgen: generated classes up to date/ : back
assert back.contains("airgen: maven-compiler-plugin's record names generated class files") : back
assert back.contains('Compiling 1 source file') : back
assert new File(basedir, 'target/classes/com/example/tiny/AcmeVideoRequest.class').isFile()
assert formats.isFile()
assert build('settled', 'compile').contains('Nothing to compile - all classes are up to date')
return true
