import dev.airgen.maven.it.CutShortServer
import dev.airgen.maven.it.MavenRun

def server = context.get('server')
try {
    def snapshot = new File(basedir, 'snapshot/schema-map.json')
    def unchanged = {
        assert [snapshot.bytes, new File(basedir, 'snapshot/catalog.json').bytes] == context.get('before')
        assert new File(basedir, 'snapshot').list().toList().sort() == ['catalog.json', 'schema-map.json'] : 'no temporary file left'
    }
    def failure = "[ERROR] Failed to execute goal dev.airgen:airgen-maven-plugin:${pluginVersion}:refresh (default-cli) on project refresh-failures: "
    def kept = "the snapshot at ${snapshot.absolutePath} was left unchanged"

    // 1. The response ends before its declared length.
    def truncated = new File(basedir, 'build.log').text
    def cut = truncated.readLines().find { it.startsWith(failure) }
    assert cut != null : truncated
    assert cut.startsWith(failure + "airgen: the download of ${server.url()}/releases/latest/schema-map.json failed: ") : cut
    assert cut.endsWith(kept + ' -> [Help 1]') : cut
    unchanged()

    // 2. Nobody listens on the port.
    def port = CutShortServer.closedPort()
    def unreachable = MavenRun.run(basedir, localRepositoryPath, userRepository, 'build-unreachable.log', 1, 'airgen:refresh',
            "-Dairgen.schemasUrl=http://127.0.0.1:${port}/schemas", '-Dairgen.release=20260722152433')
    assert unreachable.contains(failure + "airgen: cannot connect to 127.0.0.1:${port} (connection refused) for " +
            "http://127.0.0.1:${port}/schemas/releases/20260722152433/schema-map.json; ${kept}") : unreachable
    unchanged()

    // 3. The JVM's proxy properties (here on Maven's command line) are honoured, and a proxy that does not
    //    answer is named as such.
    def proxyPort = CutShortServer.closedPort()
    def noProxy = MavenRun.run(basedir, localRepositoryPath, userRepository, 'build-no-proxy.log', 1, 'airgen:refresh',
            "-Dairgen.schemasUrl=${server.url()}", '-Dhttp.proxyHost=127.0.0.1', "-Dhttp.proxyPort=${proxyPort}", '-Dhttp.nonProxyHosts=')
    assert noProxy.contains(failure + "airgen: cannot connect to proxy 127.0.0.1:${proxyPort} (the JVM's proxy settings) (connection refused) " +
            "for ${server.url()}/releases/latest/schema-map.json; ${kept}") : noProxy
    unchanged()
} finally {
    server.close()
}
return true
