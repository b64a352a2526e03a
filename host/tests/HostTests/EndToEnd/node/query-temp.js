'use strict'
// Queries ThermoDev's /temp with the coap package: a GET, then an observation during which it PUTs
// a new value, so the observation sees the value it had and the value it was set to.
// Usage: node query-temp.js <host> <port> <value to put> [Content-Format of the PUT, e.g. application/json]
// Prints one line per answer: "GET 2.05 25.0", "NOTIFY 2.05 25.0", "PUT 2.04 Temperature set to 30.5°C",
// "NOTIFY 2.05 30.5"; exits 0 when all came, 1 on an error or after 10 s.
const coap = require('coap')

const [host, port, value, format] = process.argv.slice(2)
if (!host || !port || !value) {
  console.error('usage: node query-temp.js <host> <port> <value to put>')
  process.exit(2)
}

const timer = setTimeout(() => fail('timed out'), 10000)

function fail (message) {
  console.error(message)
  process.exit(1)
}

// Each request on a socket of its own (agent: false): the shared agent closes its socket once it has
// no request left, which a request started from a response handler would run into.
function request (params) {
  return coap.request({ hostname: host, port: Number(port), pathname: '/temp', agent: false, ...params })
}

function get (next) {
  const req = request({ method: 'GET' })
  req.on('response', (res) => {
    console.log(`GET ${res.code} ${res.payload.toString()}`)
    next()
  })
  req.on('error', (err) => fail(`GET failed: ${err.message}`))
  req.end()
}

function put (next) {
  const req = request({ method: 'PUT' })
  if (format) {
    req.setOption('Content-Format', format)
  }
  req.on('response', (res) => {
    console.log(`PUT ${res.code} ${res.payload.toString()}`)
    next()
  })
  req.on('error', (err) => fail(`PUT failed: ${err.message}`))
  req.end(value)
}

function observe () {
  let putAnswered = false
  let valueSeen = false
  let stream = null
  const finish = () => {
    if (putAnswered && valueSeen) {
      stream.close()
      clearTimeout(timer)
      process.exit(0)
    }
  }

  const req = request({ method: 'GET', observe: true })
  req.on('response', (res) => {
    stream = res
    let seen = 0
    stream.on('data', (payload) => {
      console.log(`NOTIFY ${stream.code} ${payload.toString()}`)
      seen++
      if (seen === 1) {
        put(() => { putAnswered = true; finish() })
      } else if (payload.toString() === value) {
        valueSeen = true
        finish()
      }
    })
  })
  req.on('error', (err) => fail(`observe failed: ${err.message}`))
  req.end()
}

get(observe)
