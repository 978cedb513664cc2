import dev.airgen.emulator.RunwareEmulator
import dev.airgen.schema.snapshot.SnapshotReader

def emulator = RunwareEmulator.start()
emulator.publishSnapshot(SnapshotReader.read(['schema-map.json': new File(basedir, 'release/schema-map.json').bytes]))
context.put('emulator', emulator)
context.put('before', new File(basedir, 'snapshot/schema-map.json').bytes)
context.get('userProperties').put('airgen.schemasUrl', emulator.schemasUrl().toString())
return true
