import dev.airgen.maven.it.MavenRun
import java.nio.file.Files

def project = new File(basedir, 'generated/demo')
def app = new File(project, 'app/src/main/java/com/example/demo/App.java')

// 1. The archetype created the two-module layout, with this build's AIRgen version and no template left over.
assert new File(project, 'bindings/pom.xml').isFile()
assert new File(project, 'app/src/test/java/com/example/demo/AppTest.java').isFile()
assert app.isFile()
assert new File(project, '.gitignore').text.trim() == 'target/'
def rootPom = new File(project, 'pom.xml').text
assert rootPom.contains("<airgen.version>${pluginVersion}</airgen.version>") : rootPom
assert rootPom.contains('<module>bindings</module>') && rootPom.contains('<module>app</module>') : rootPom
[rootPom, new File(project, 'bindings/pom.xml').text, new File(project, 'app/pom.xml').text, app.text].each { text ->
    assert !(text =~ /@[\w.-]+@/) : text
    assert !text.contains('${groupId}') && !text.contains('${rootArtifactId}') && !text.contains('${package}') : text
}
assert new File(project, 'bindings/pom.xml').text.contains('<packageName>com.example.demo.runware</packageName>')

// 2. The invoker built it (-T 4 verify): every model generated and compiled in the bindings module, which has no
// sources of its own, and the application compiled against it, its tests run against the emulator.
def bindingsClasses = new File(project, 'bindings/target/classes')
def flux = new File(bindingsClasses, 'com/example/demo/runware/BflFlux1DevRequest.class')
assert flux.isFile()
assert new File(bindingsClasses, 'com/example/demo/runware/schemas/BflFlux1DevRequest.json').isFile()
def appClasses = []
new File(project, 'app/target/classes').eachFileRecurse(groovy.io.FileType.FILES) { appClasses << it.name }
assert appClasses == ['App.class'] : appClasses
def report = new File(project, 'app/target/surefire-reports/TEST-com.example.demo.AppTest.xml').text
assert report =~ /tests="2"/ && report =~ /failures="0"/ && report =~ /errors="0"/ : report
assert new File(project, 'bindings/target/demo-bindings-1.0-SNAPSHOT.jar').isFile()

// 3. The edit loop: after a change to the application's code, only the application is compiled again; the
// bindings module finds its inputs unchanged and writes and compiles nothing.
def fluxStamp = Files.getLastModifiedTime(flux.toPath())
app.text = app.text.replace('a lighthouse on a basalt cliff at dusk', 'a lighthouse on a granite cliff at dawn')
def edit = MavenRun.run(project, localRepositoryPath, userRepository, 'build-edit.log', 0, '-T', '4', 'compile')
assert edit.contains('Using the MultiThreadedBuilder implementation with a thread count of 4') : edit
assert edit.contains('airgen: inputs unchanged, nothing written (bundled snapshot') : edit
assert !edit.contains('airgen: compiled the generated sources') : edit
assert (edit =~ /Compiling \d+ source file/).size() == 1 && edit.contains('Compiling 1 source file') : edit
assert Files.getLastModifiedTime(flux.toPath()) == fluxStamp
assert new File(project, 'app/target/classes/com/example/demo/App.class').isFile()
return true
