import dev.airgen.maven.it.MavenRun
import java.nio.file.Files
import java.nio.file.attribute.FileTime

def log = new File(basedir, 'build.log').text
def sources = new File(basedir, 'target/generated-sources/airgen/com/example/runware')
assert new File(sources, 'BflFlux1DevRequest.java').isFile()
assert new File(basedir, 'target/classes/com/example/runware/schemas/BflFlux1DevRequest.json').isFile() : 'schemas reach the classpath'
assert new File(basedir, 'target/classes/com/example/runware/catalog.json').isFile()
assert log.contains('Tests run: 1, Failures: 0, Errors: 0')
assert log =~ /airgen: \d+ files written, 0 unchanged, 0 stale deleted \(bundled snapshot/
// The plugin compiled the generated sources itself; javac of maven-compiler-plugin saw only the consumer's class.
assert log =~ /airgen: compiled the generated sources: \d+ class files/ : log
assert new File(basedir, 'target/classes/com/example/runware/BflFlux1DevRequest.class').isFile()
assert new File(basedir, 'target/classes/com/example/app/Prompts.class').isFile()
assert log.contains('Compiling 1 source file') : log

// Second build without any change: pin every generated file (and every class) to an old time first, so
// that any rewrite or recompile shows up as a newer modification time.
def pinned = FileTime.fromMillis(946684800000L) // 2000-01-01
def watched = []
// The consumer's own source too: javac compares its time with its class file's.
['target/generated-sources/airgen', 'target/generated-resources/airgen', 'target/classes', 'src/main/java'].each { dir ->
    new File(basedir, dir).eachFileRecurse(groovy.io.FileType.FILES) { watched << it }
}
assert watched.size() > 1000
watched.each { Files.setLastModifiedTime(it.toPath(), pinned) }

def second = MavenRun.run(basedir, localRepositoryPath, userRepository, 'build-second.log', 0, 'verify')
def noop = second =~ /airgen: inputs unchanged, nothing written \(bundled snapshot, fingerprint [0-9a-f]{12}, (\d+) ms\)/
assert noop.find() : second
println "no-op airgen:generate took ${noop.group(1)} ms"
// Both javac runs (main and test) find nothing stale.
assert (second =~ /--- compiler:[^ ]+:(compile|testCompile) /).size() == 2 : second
assert (second =~ /Nothing to compile - all classes are up to date/).size() == 2 : second
assert !second.contains('Recompiling the module') && !second.contains('Changes detected') : second
def touched = watched.findAll { Files.getLastModifiedTime(it.toPath()) != pinned }
assert touched.isEmpty() : "rewritten by the second build: ${touched.take(5)}"

// The edit loop: the consumer's own class changes; only it is compiled again, no generated class is touched.
def prompts = new File(basedir, 'src/main/java/com/example/app/Prompts.java')
prompts.text = prompts.text.replace('a lighthouse at dusk', 'a lighthouse at dawn')
def edited = MavenRun.run(basedir, localRepositoryPath, userRepository, 'build-edited.log', 0, 'compile')
assert edited =~ /airgen: generated classes up to date \(\d+ class files/ : edited
assert edited.contains('Compiling 1 source file') : edited
def recompiled = watched.findAll { Files.getLastModifiedTime(it.toPath()) != pinned }.collect { it.name }
assert recompiled.sort() == ['Prompts.class', 'Prompts.java'] : recompiled
return true
