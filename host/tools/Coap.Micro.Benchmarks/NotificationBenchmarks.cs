using BenchmarkDotNet.Attributes;
using Coap.Micro;

namespace Coap.Micro.Benchmarks
{
    /// <summary>
    /// A change of /temp notified to every observer (RFC 7641 §4.2): each operation calls Changed() and
    /// runs the loop until every notification is out and every confirmable one acknowledged.
    /// </summary>
    [MemoryDiagnoser]
    public class NotificationBenchmarks
    {
        private FirmwareRig _rig;

        /// <summary>Observers of /temp, each on its own endpoint.</summary>
        [Params(1, 16, 64)]
        public int Observers { get; set; }

        /// <summary>Builds the firmware and registers the observers.</summary>
        [GlobalSetup]
        public void Setup()
        {
            _rig = new FirmwareRig(Observers);
            _rig.Transport.AcknowledgeConfirmables = true;
            byte[] register = FirmwareRig.Request(CoapMessageType.Confirmable, CoapCode.Get, "temp", 0, null);
            for (int i = 0; i < Observers; i++)
            {
                FirmwareRig.SetMessageId(register, i);
                _rig.Exchange(register, FirmwareRig.Peer(100 + i));
            }

            if (_rig.Firmware.Server.Counters.Observers != Observers)
            {
                throw new System.InvalidOperationException($"{_rig.Firmware.Server.Counters.Observers} observers registered, not {Observers}");
            }

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
