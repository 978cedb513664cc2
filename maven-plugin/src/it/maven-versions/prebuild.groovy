import dev.airgen.emulator.RunwareEmulator
import dev.airgen.schema.snapshot.SnapshotReader
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

// The next release: a newer version with one more model (a copy of the image model under a new AIR).
def bundle = new JsonSlurper().parse(new File(basedir, 'snapshot/schema-map.json'))
bundle.version = '20260722152433'
def copy = new JsonSlurper().parseText(JsonOutput.toJson(bundle.inference[0]))
copy.air = 'acme:image@2'
copy.slug = 'acme-image-2'
copy.requestSchema.properties.model.const = 'acme:image@2'
bundle.inference << copy
def emulator = RunwareEmulator.start()
emulator.publishSnapshot(SnapshotReader.read(['schema-map.json': JsonOutput.toJson(bundle).getBytes('UTF-8')]))
context.put('emulator', emulator)
return true
