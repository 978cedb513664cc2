import dev.airgen.maven.it.LoopbackProxy
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
    assert first =~ /airgen: 13 files written, 0 unchanged, 0 stale deleted \(snapshot / : first
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
    // The plugin compiled the generated sources itself; the project has no source of its own.
    assert noop =~ /airgen: generated classes up to date \(\d+ class files/ : noop
    assert noop.contains('No sources to compile') : noop
    assert generated.every { Files.getLastModifiedTime(it.toPath()) == pinned }

    // 3. Refresh from the schemas service, through the proxy (with credentials) that a settings.xml names,
    //    then build the refreshed snapshot: the catalog keeps its model names.
    //    Maven 3 encrypts the password in settings.xml the classic way (Maven 4 has its own tool for it).
    def password = 'it-secret'
    def security = new File(basedir, 'target/settings-security.xml')
    if (mavenVersion.startsWith('3.')) {
        def encrypted = { String log -> log.readLines().find { it.startsWith('{') && it.endsWith('}') } }
        security.text = "<settingsSecurity><master>${encrypted(build('encrypt-master', '--encrypt-master-password', 'it-master'))}</master></settingsSecurity>"
        password = encrypted(build('encrypt', '--encrypt-password', 'it-secret', "-Dsettings.security=${security.absolutePath}"))
        assert password != null && password != 'it-secret'
    }
    def proxy = new LoopbackProxy('it-user', 'it-secret')
    try {
        def settings = new File(basedir, 'target/proxy-settings.xml')
        settings.text = """<settings><proxies><proxy><id>it-proxy</id><active>true</active><protocol>http</protocol>
            <host>127.0.0.1</host><port>${proxy.port()}</port><username>it-user</username><password>${password}</password>
            <nonProxyHosts>repo.example.invalid</nonProxyHosts></proxy></proxies></settings>"""
        def refreshed = build('refresh', 'airgen:refresh', '-gs', settings.absolutePath, "-Dsettings.security=${security.absolutePath}",
                "-Dairgen.schemasUrl=${emulator.schemasUrl()}")
        assert refreshed.contains("airgen: downloading through proxy 127.0.0.1:${proxy.port()} (settings.xml proxy 'it-proxy', user it-user)") : refreshed
        assert !refreshed.contains('it-secret')
        assert refreshed.contains('Snapshot changes 20260101000000 -> 20260722152433: 1 model added, 0 removed, 0 changed; 0 breaking changes') : refreshed
        assert refreshed.contains("airgen: wrote release 20260722152433 to ${new File(basedir, 'snapshot/schema-map.json').absolutePath}") : refreshed
        def seen = proxy.seen()
        assert seen*.line() == ["GET ${emulator.schemasUrl()}/releases/latest/schema-map.json HTTP/1.1".toString()]
        assert seen[0].header('Proxy-Authorization') == 'Basic ' + 'it-user:it-secret'.bytes.encodeBase64().toString()
    } finally {
        proxy.close()
    }
    def after = build('after-refresh', 'compile')
    assert after =~ /airgen: \d+ files written, \d+ unchanged, 0 stale deleted/ : after
    assert new File(sources, 'AcmeImage2Request.java').isFile()
    assert new File(basedir, 'target/classes/com/example/versions/AcmeImage2Request.class').isFile()
    def catalog = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/classes/com/example/versions/catalog.json'))
    assert catalog.find { it.air == 'acme:image@1' }.name == 'Acme Image'
    assert catalog.find { it.air == 'acme:image@2' } != null
} finally {
    emulator.close()
}
return true
