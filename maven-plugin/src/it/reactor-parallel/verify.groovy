import dev.airgen.maven.it.MavenRun

def check = { String log ->
    assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 4') : log
    // Maven names every plugin that is not thread-safe when building in parallel; ours must not be there.
    assert !(log =~ /(?s)not marked as thread-safe.*airgen-maven-plugin/) : log
}
def log = new File(basedir, 'build.log').text
check(log)
def expected = [images: 'com/example/images/BflFlux1DevRequest', videos: 'com/example/videos/BytedanceOmnihuman1Request',
                audio: 'com/example/audio/InworldTts15MaxRequest']
expected.each { module, type ->
    assert new File(basedir, "${module}/target/generated-sources/airgen/${type}.java").isFile() : "${module}: ${type}"
    def pkg = type.substring(0, type.lastIndexOf('/'))
    def name = type.substring(type.lastIndexOf('/') + 1)
    assert new File(basedir, "${module}/target/classes/${pkg}/schemas/${name}.json").isFile()
    def states = new File(basedir, "${module}/target/airgen").listFiles()
    assert states.size() == 1 && states[0].name.startsWith('airgen-') && new File(states[0], 'fingerprint.sha256').isFile()
    def catalog = new File(basedir, "${module}/target/generated-sources/airgen/${pkg}/RunwareCatalog.java").text
    expected.findAll { it.key != module }.each { other, otherType ->
        assert !new File(basedir, "${module}/target/generated-sources/airgen/com/example/${other}").exists()
        assert !catalog.contains(otherType.substring(otherType.lastIndexOf('/') + 1))
    }
}
assert (log =~ /airgen: \d+ files written, 0 unchanged, 0 stale deleted \(bundled snapshot/).size() == 3 : log

// process-resources stops before compile: the plugin compiled nothing yet.
assert !log.contains('airgen: compiled the generated sources') : log

// Again in parallel up to compile, nothing changed: all three skip generation, and each compiles its
// generated sources in its own javac task, at the same time as the others.
def again = MavenRun.run(basedir, localRepositoryPath, userRepository, 'build-again.log', 0, '-T', '4', 'compile')
check(again)
assert (again =~ /airgen: inputs unchanged, nothing written \(bundled snapshot/).size() == 3 : again
assert (again =~ /airgen: compiled the generated sources: \d+ class files/).size() == 3 : again
expected.each { module, type ->
    assert new File(basedir, "${module}/target/classes/${type}.class").isFile() : "${module}: ${type}"
}
// The application module compiled against the images module's generated classes, and only its own class.
def appClasses = new File(basedir, 'app/target/classes')
assert new File(appClasses, 'com/example/app/App.class').isFile() : again
assert !new File(appClasses, 'com/example/images').exists()
return true
