using System;
using BenchmarkDotNet.Attributes;
using Coap.Micro;

namespace Coap.Micro.Benchmarks
{
    /// <summary>
    /// GET /.well-known/core (RFC 6690 §4) from the firmware with 16 resources, end to end. Their link
    /// list is far longer than the default block (64 bytes), so the answer is block 0 with Block2 M=1
    /// (late negotiation, RFC 7959 §2.4): the server writes the whole list through a window that keeps
    /// only the first 64 bytes.
    /// </summary>
    [MemoryDiagnoser]
    public class DiscoveryBenchmarks
    {
        /// <summary>Resources the server lists.</summary>
        public const int Resources = 16;

        private FirmwareRig _rig;
        private byte[] _discover;
        private int _messageId;

        /// <summary>The firmware's own resources, then sensors up to 16, each with rt, if, ct, obs and a title.</summary>
        [GlobalSetup]
        public void Setup()
        {
            _rig = new FirmwareRig(0);
            CoapServer server = _rig.Firmware.Server;
            for (int i = 0; server.ResourceCount < Resources; i++)
            {
                server.Add(new LinkedResource($"sensors/s{i}", "temperature-c", "core.s", CoapContentFormat.TextPlain, i % 2 == 0, $"Sensor {i}"));
            }

            _discover = FirmwareRig.Request(CoapMessageType.Confirmable, CoapCode.Get, ".well-known/core", -1, null);
            CoapMessage answer = _rig.ExchangeAndParse(_discover);
            if (answer.Code != CoapCode.Content || !BlockOption.TryRead(answer, CoapOption.Block2, out uint block)
                || BlockOption.NumOf(block) != 0 || !BlockOption.MoreOf(block) || answer.PayloadLength != 64)
            {
                throw new InvalidOperationException($"/.well-known/core answered code {answer.Code} with {answer.PayloadLength} bytes, not 2.05 block 0 of 64 bytes with more to come");
            }
        }

        /// <summary>CON GET /.well-known/core with a new Message ID: 2.05, block 0 of the link list.</summary>
        [Benchmark]
        public int Discover()
        {
            FirmwareRig.SetMessageId(_discover, ++_messageId & 0x7FFF);
            return _rig.Exchange(_discover, _rig.Client);
        }
    }
}
