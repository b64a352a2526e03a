using System;
using BenchmarkDotNet.Attributes;
using Coap.Micro;

namespace Coap.Micro.Benchmarks
{
    /// <summary>
    /// A Block2 block (RFC 7959 §2.2-2.4) end to end: GET of block 5 (64 bytes) of a 1,024-byte
    /// representation. The server keeps no buffer per transfer: it runs the handler again and keeps
    /// only the bytes of the block asked for.
    /// </summary>
    [MemoryDiagnoser]
    public class BlockBenchmarks
    {
        private const int Size = 1024;
        private const int BlockNumber = 5;
        private const int Szx64 = 2;

        private FirmwareRig _rig;
        private byte[] _block;
        private int _messageId;

        /// <summary>The firmware with a 1,024-byte resource at /log.</summary>
        [GlobalSetup]
        public void Setup()
        {
            _rig = new FirmwareRig(0);
            _rig.Firmware.Server.Add(new LargeResource("log", Size));
            _block = FirmwareRig.Request(CoapMessageType.Confirmable, CoapCode.Get, "log", -1, null, BlockNumber, Szx64);
            CoapMessage answer = _rig.ExchangeAndParse(_block);
            if (answer.Code != CoapCode.Content || !BlockOption.TryRead(answer, CoapOption.Block2, out uint block)
                || BlockOption.NumOf(block) != BlockNumber || !BlockOption.MoreOf(block) || answer.PayloadLength != 64
                || answer.Buffer[answer.PayloadOffset] != (byte)'a')
            {
                throw new InvalidOperationException($"block {BlockNumber} of /log answered code {answer.Code} with {answer.PayloadLength} bytes, not 2.05 with 64 bytes of block {BlockNumber} and more to come");
            }
        }

        /// <summary>CON GET /log with Block2 NUM 5 SZX 2 and a new Message ID: 2.05 with bytes 320 to 383.</summary>
        [Benchmark]
        public int GetBlock()
        {
            FirmwareRig.SetMessageId(_block, ++_messageId & 0x7FFF);
            return _rig.Exchange(_block, _rig.Client);
        }
    }
}
