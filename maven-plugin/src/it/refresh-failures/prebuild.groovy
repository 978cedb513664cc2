import dev.airgen.maven.it.CutShortServer

// Serves a valid-looking release whose body stops halfway through its declared length.
def release = new File(basedir, 'snapshot/schema-map.json').text.replace('20250101000000', '20260722152433').getBytes('UTF-8')
def server = CutShortServer.halfOfDeclaredLength(release)
context.put('server', server)
context.put('before', [new File(basedir, 'snapshot/schema-map.json').bytes, new File(basedir, 'snapshot/catalog.json').bytes])
context.get('userProperties').put('airgen.schemasUrl', server.url())
return true
