using nanoFramework.TestFramework;
using ThermoDev.Supervision;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>The Wi-Fi supervision: connected, lost since T, back (counted once), or gave up (one reboot).</summary>
    [TestClass]
    public class NetworkSupervisorTests
    {
        private const int Address = 10 | (0 << 8) | (0 << 16) | (7 << 24);
        private const long GiveUp = 600000;

        private static FakeNetwork _network;
        private static FakeClock _clock;
        private static FakeReboot _reboot;
        private static ListLog _log;

        private static NetworkSupervisor Create()
        {
            _network = new FakeNetwork();
            _network.Address = Address;
            _clock = new FakeClock();
            _clock.Now = 5000;
            _reboot = new FakeReboot();
            _log = new ListLog();
            NetworkSupervisor supervisor = new NetworkSupervisor(_network, _clock, _reboot, _log, GiveUp);
            supervisor.Check();
            return supervisor;
        }

        [TestMethod]
        public void ConnectedStaysQuiet()
        {
            NetworkSupervisor supervisor = Create();
            _clock.Now += GiveUp * 3;
            supervisor.Check();
            Assert.AreEqual((int)NetworkState.Connected, (int)supervisor.State);
            Assert.AreEqual(Address, supervisor.Address);
            Assert.AreEqual(0, _log.Lines.Count);
            Assert.AreEqual(0, _reboot.Count);
        }

        [TestMethod]
        public void LostThenBackInTimeIsCountedOnceWithoutReboot()
        {
            NetworkSupervisor supervisor = Create();
            _network.Address = 0;
            supervisor.Check();
            Assert.AreEqual((int)NetworkState.Lost, (int)supervisor.State);
            Assert.AreEqual(0, supervisor.Address);
            _clock.Now += 30000;
            supervisor.Check();
            _clock.Now += GiveUp - 31000;
            supervisor.Check();
            _network.Address = Address;
            supervisor.Check();
            supervisor.Check();
            Assert.AreEqual((int)NetworkState.Connected, (int)supervisor.State);
            Assert.AreEqual(1, supervisor.Reconnects);
            Assert.AreEqual(Address, supervisor.Address);
            Assert.AreEqual(0, _reboot.Count);
            Assert.AreEqual(2, _log.Lines.Count);
            Assert.AreEqual("Wi-Fi: lost the IP address; the CoAP server waits for it, rebooting if it is not back within 600 s", _log.At(0));
            Assert.AreEqual("Wi-Fi: back after 599 s, IP address 10.0.0.7", _log.At(1));
        }

        [TestMethod]
        public void LostBeyondTheLimitAsksForExactlyOneReboot()
        {
            NetworkSupervisor supervisor = Create();
            _network.Address = 0;
            supervisor.Check();
            _clock.Now += GiveUp - 1;
            supervisor.Check();
            Assert.AreEqual(0, _reboot.Count);
            _clock.Now += 1;
            supervisor.Check();
            _clock.Now += 60000;
            supervisor.Check();
            _network.Address = Address;
            supervisor.Check();
            Assert.AreEqual(1, _reboot.Count);
            Assert.AreEqual("no IP address for 600 s", _reboot.Reason);
            Assert.AreEqual((int)NetworkState.GaveUp, (int)supervisor.State);
            Assert.AreEqual(0, supervisor.Reconnects);
            Assert.AreEqual("Wi-Fi: rebooting: no IP address for 600 s", _log.At(_log.Lines.Count - 1));
        }

        [TestMethod]
        public void FlappingCountsEachReturnAndRestartsTheWait()
        {
            NetworkSupervisor supervisor = Create();
            for (int i = 0; i < 5; i++)
            {
                _network.Address = 0;
                supervisor.Check();
                _clock.Now += GiveUp / 2;
                supervisor.Check();
                _network.Address = Address;
                supervisor.Check();
                _clock.Now += 1000;
            }

            // Five losses of half the limit each: far longer than the limit in all, but never at once.
            Assert.AreEqual(5, supervisor.Reconnects);
            Assert.AreEqual(0, _reboot.Count);
            Assert.AreEqual(10, _log.Lines.Count);
        }

        [TestMethod]
        public void NoAddressAtTheFirstCheckIsALoss()
        {
            _network = new FakeNetwork();
            _clock = new FakeClock();
            _reboot = new FakeReboot();
            _log = new ListLog();
            NetworkSupervisor supervisor = new NetworkSupervisor(_network, _clock, _reboot, _log, GiveUp);
            supervisor.Check();
            Assert.AreEqual((int)NetworkState.Lost, (int)supervisor.State);
            _clock.Now = GiveUp;
            supervisor.Check();
            Assert.AreEqual(1, _reboot.Count);
        }

        [TestMethod]
        public void ANewAddressIsLoggedButNotCountedAsAReconnect()
        {
            NetworkSupervisor supervisor = Create();
            _network.Address = Address + (1 << 24);
            supervisor.Check();
            Assert.AreEqual(0, supervisor.Reconnects);
            Assert.AreEqual(1, _log.Lines.Count);
            Assert.AreEqual("Wi-Fi: the IP address is now 10.0.0.8", _log.At(0));
        }
    }
}
