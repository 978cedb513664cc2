def log = new File(basedir, 'build.log').text
def error = log.readLines().find { it.startsWith("[ERROR] Failed to execute goal dev.airgen:airgen-maven-plugin:${pluginVersion}:generate") }
assert error != null : log
assert error.contains("on project include-typo: airgen: includes: include 'klingia:*' matches no model of the snapshot (") : error
assert error =~ /; nearest providers: klingai, \w+, \w+/ : error
// The same message goes to the IDE marker API, on the POM where the include is written.
assert log.contains(new File(basedir, 'pom.xml').absolutePath + " [0:0]: includes: include 'klingia:*'") : log
// Nothing was generated, and the failure is not remembered as an up-to-date state.
assert !new File(basedir, 'target/generated-sources/airgen/com').exists()
def state = new File(basedir, 'target/airgen')
assert !state.exists() || state.listFiles().every { !new File(it, 'fingerprint.sha256').exists() }
return true
