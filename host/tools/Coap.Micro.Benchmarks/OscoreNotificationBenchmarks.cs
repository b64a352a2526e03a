using BenchmarkDotNet.Attributes;
using Coap.Micro;

namespace Coap.Micro.Benchmarks
{
    /// <summary>
    /// A change of /temp notified to 16 observers (RFC 7641 §4.2), plain or each registered with a protected request
    /// (RFC 8613 §8.3: every notification protected with a Partial IV of its own). Each operation calls Changed()
    /// and runs the loop until every notification is out and every confirmable one acknowledged.
    /// </summary>
    [MemoryDiagnoser]
    public class OscoreNotificationBenchmarks
    {
        private const int Observers = 16;

        private FirmwareRig _rig;

        /// <summary>True: every observer registered with OSCORE.</summary>
        [Params(false, true)]
        public bool Protected { get; set; }

        /// <summary>Builds the firmware and registers the observers (after the Echo step when protected).</summary>
        [GlobalSetup]
        public void Setup()
        {
            _rig = new FirmwareRig(Observers);
            var peers = new CoapEndpoint[Observers];
            for (int i = 0; i < Observers; i++)
            {
                peers[i] = FirmwareRig.Peer(100 + i);
            }

            OscoreClient[] clients = Protected ? OscoreClient.Secure(_rig, peers) : null;
            byte[] get = FirmwareRig.Request(CoapMessageType.Confirmable, CoapCode.Get, "temp", -1, null);
            byte[] register = FirmwareRig.Request(CoapMessageType.Confirmable, CoapCode.Get, "temp", 0, null);
            var wire = new byte[256];
            for (int i = 0; i < Observers; i++)
            {
                FirmwareRig.SetMessageId(register, 1000 + i);
                if (Protected)
                {
                    FirmwareRig.SetMessageId(get, i);
                    clients[i].Handshake(_rig, get);
                    CoapMessage answer = clients[i].Exchange(_rig, register, wire);
                    if (answer.Code != CoapCode.Content || answer.FindOption(CoapOption.Observe) < 0)
                    {
                        throw new System.InvalidOperationException("a protected registration was not taken");
                    }
                }
                else
                {
                    _rig.Exchange(register, peers[i]);
                }
            }

            if (_rig.Firmware.Server.Counters.Observers != Observers)
            {
                throw new System.InvalidOperationException($"{_rig.Firmware.Server.Counters.Observers} observers registered, not {Observers}");
            }

            _rig.Transport.AcknowledgeConfirmables = true;
            if (NotifyAll() < Observers)
            {
                throw new System.InvalidOperationException("a change was not notified to every observer");
            }
        }

        /// <summary>One change, notified to all; returns the datagrams sent.</summary>
        [Benchmark]
        public long NotifyAll()
        {
            _rig.Firmware.Temperature.Changed();
            return _rig.Drain();
        }
    }
}
