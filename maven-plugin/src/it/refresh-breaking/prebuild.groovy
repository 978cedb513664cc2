import dev.airgen.emulator.RunwareEmulator
import dev.airgen.emulator.Snapshot

def emulator = RunwareEmulator.start()
emulator.publishSnapshot(Snapshot.of(new File(basedir, 'release/schema-map.json').text, null))
context.put('emulator', emulator)
context.put('before', new File(basedir, 'snapshot/schema-map.json').bytes)
context.get('userProperties').put('airgen.schemasUrl', emulator.schemasUrl().toString())
return true
