// The help lists every goal of the plugin descriptor, and with -Ddetail every user-settable
// parameter of each goal with its user property.
def log = new File(basedir, 'build.log').text
def descriptor = new groovy.xml.XmlSlurper().parse(new File(pluginDescriptor))
def mojos = descriptor.mojos.mojo
assert mojos.size() >= 3
def goals = mojos.collect { it.goal.text() }
assert goals.containsAll(['compile', 'verify', 'help'])
assert log.contains('This plugin has ' + goals.size() + ' goals:')
goals.each { assert log.contains('ancc:' + it) : 'goal ' + it + ' missing from the help' }
def checked = 0
mojos.each { mojo ->
  def properties = [:]
  mojo.configuration.children().each { properties[it.name()] = it.text() }
  mojo.parameters.parameter.findAll { it.editable.text() == 'true' }.each { p ->
    def name = p.name.text()
    assert log =~ /(?m)^\s+${name}\b/ : 'parameter ' + name + ' of ancc:' + mojo.goal.text() + ' missing from the help'
    def property = properties[name]
    if (property?.startsWith('${')) {
      assert log.contains('User property: ' + property[2..-2]) : 'user property of ' + name + ' missing'
    }
    checked++
  }
}
assert checked >= 20 : 'only ' + checked + ' parameters checked'
assert log.contains('BUILD SUCCESS')
return true
