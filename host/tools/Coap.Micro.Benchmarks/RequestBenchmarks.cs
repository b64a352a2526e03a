using BenchmarkDotNet.Attributes;
using Coap.Micro;

namespace Coap.Micro.Benchmarks
{
    /// <summary>
    /// One request through the firmware, end to end: receive, deduplicate, dispatch, the /temp handler,
    /// the response written and sent. Each operation is one datagram in and one out.
    /// </summary>
    [MemoryDiagnoser]
    public class RequestBenchmarks
    {
        private static readonly byte[] ValueA = { (byte)'2', (byte)'5', (byte)'.', (byte)'5' };
        private static readonly byte[] ValueB = { (byte)'2', (byte)'6', (byte)'.', (byte)'0' };

        private FirmwareRig _rig;
        private byte[] _get;
        private byte[] _putA;
        private byte[] _putB;
        private byte[] _duplicate;
        private CoapEndpoint _other;
        private int _messageId;

        /// <summary>Builds the firmware and the requests; the duplicate is sent once to be remembered.</summary>
        [GlobalSetup]
        public void Setup()
        {
            _rig = new FirmwareRig(0);
            _get = FirmwareRig.Request(CoapMessageType.Confirmable, CoapCode.Get, "temp", -1, null);
            _putA = FirmwareRig.Request(CoapMessageType.Confirmable, CoapCode.Put, "temp", -1, ValueA);
            _putB = FirmwareRig.Request(CoapMessageType.Confirmable, CoapCode.Put, "temp", -1, ValueB);
            _duplicate = FirmwareRig.Request(CoapMessageType.Confirmable, CoapCode.Get, "temp", -1, null);
            FirmwareRig.SetMessageId(_duplicate, 0xD0D0);
            _other = FirmwareRig.Peer(2);
            _rig.Exchange(_duplicate, _other);
        }

        /// <summary>CON GET /temp with a new Message ID: 2.05 "25.0" piggybacked in the ACK.</summary>
        [Benchmark]
        public int GetTemp()
        {
            FirmwareRig.SetMessageId(_get, ++_messageId & 0x7FFF);
            return _rig.Exchange(_get, _rig.Client);
        }

        /// <summary>CON PUT /temp, alternating 25.5 and 26.0: 2.04 with its message, and a change to notify.</summary>
        [Benchmark]
        public int PutTemp()
        {
            byte[] put = (++_messageId & 1) == 0 ? _putA : _putB;
            FirmwareRig.SetMessageId(put, _messageId & 0x7FFF);
            return _rig.Exchange(put, _rig.Client);
        }

        /// <summary>The same CON GET again (RFC 7252 §4.5): the kept response is sent, the handler does not run.</summary>
        [Benchmark]
        public int DuplicateCon()
        {
            return _rig.Exchange(_duplicate, _other);
        }
    }
}
