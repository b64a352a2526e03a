using BenchmarkDotNet.Attributes;
using Coap.Micro;

namespace Coap.Micro.Benchmarks
{
    /// <summary>Parsing alone: a CON GET /temp with a token, read in place (RFC 7252 §3).</summary>
    [MemoryDiagnoser]
    public class ParseBenchmarks
    {
        private readonly CoapMessage _message = new CoapMessage(16);
        private byte[] _get;

        /// <summary>Builds the request.</summary>
        [GlobalSetup]
        public void Setup()
        {
            _get = FirmwareRig.Request(CoapMessageType.Confirmable, CoapCode.Get, "temp", -1, null);
        }

        /// <summary>Parses the request; returns its option count.</summary>
        [Benchmark]
        public int ParseGet()
        {
            _message.Parse(_get, 0, _get.Length);
            return _message.OptionCount;
        }
    }
}
