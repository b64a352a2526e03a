using BenchmarkDotNet.Attributes;
using Coap.Micro;

namespace Coap.Micro.Benchmarks
{
    /// <summary>
    /// CON GET /temp through the firmware, plain and protected with OSCORE (RFC 8613): for the protected one the
    /// server also verifies and decrypts the request, checks and moves the replay window, and protects the
    /// response. Every protected request needs a Partial IV never used before, so each iteration's requests are
    /// protected beforehand (in <see cref="ProtectRequests"/>, not measured); both benchmarks run the same number of
    /// operations per iteration.
    /// </summary>
    [MemoryDiagnoser]
    [InvocationCount(Operations)]
    public class OscoreRequestBenchmarks
    {
        private const int Operations = 32_768;

        private FirmwareRig _plain;
        private FirmwareRig _secured;
        private OscoreClient _client;
        private byte[] _get;
        private byte[][] _protected;
        private int[] _lengths;
        private int _next;
        private int _messageId;

        /// <summary>Builds two firmwares, one with OSCORE, and takes the Echo step.</summary>
        [GlobalSetup]
        public void Setup()
        {
            _plain = new FirmwareRig(0);
            _secured = new FirmwareRig(0);
            _client = OscoreClient.Secure(_secured, new[] { _secured.Client })[0];
            _get = FirmwareRig.Request(CoapMessageType.Confirmable, CoapCode.Get, "temp", -1, null);
            CoapMessage answer = _client.Handshake(_secured, _get);
            if (answer.Code != CoapCode.Content)
            {
                throw new System.InvalidOperationException("the protected GET was answered " + answer.Code.ToString("X2"));
            }

            _protected = new byte[Operations][];
            _lengths = new int[Operations];
            for (int i = 0; i < Operations; i++)
            {
                _protected[i] = new byte[128];
            }
        }

        /// <summary>Protects the next iteration's requests, each with a new Message ID and Partial IV.</summary>
        [IterationSetup(Target = nameof(ProtectedGetTemp))]
        public void ProtectRequests()
        {
            for (int i = 0; i < Operations; i++)
            {
                FirmwareRig.SetMessageId(_get, ++_messageId & 0x7FFF);
                _lengths[i] = _client.Protect(_get, _protected[i]);
            }

            _next = 0;
        }

        /// <summary>CON GET /temp with a new Message ID: 2.05 "25.0" piggybacked in the ACK.</summary>
        [Benchmark(Baseline = true)]
        public int PlainGetTemp()
        {
            FirmwareRig.SetMessageId(_get, ++_messageId & 0x7FFF);
            return _plain.Exchange(_get, _plain.Client);
        }

        /// <summary>The same GET protected: verified, decrypted, handled, its 2.05 protected.</summary>
        [Benchmark]
        public int ProtectedGetTemp()
        {
            int i = _next++;
            _secured.Transport.Enqueue(_protected[i], _lengths[i], _secured.Client);
            _secured.Firmware.Server.Poll(0);
            return _secured.Transport.LastSentLength;
        }
    }
}
