using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.ResourceDirectory;
using ThermoDev.Tests.ThermoDev;

namespace ThermoDev.Tests.ResourceDirectory
{
    /// <summary>
    /// The registration against a fake RD: discovery of the registration interface (RFC 9176 §4.3),
    /// registration (§5), updates (§5.3.1), registering anew when the RD lost it, retries while it cannot be
    /// reached, and removal (§5.3.2).
    /// </summary>
    [TestClass]
    public class RegistrationTests
    {
        private const long Start = 1000;
        private const long UpdateDelay = 67500L * 1000;

        private static DirectoryRig _rig;
        private static ResourceDirectoryRegistration _registration;

        private static void Create(bool reachable, params int[] jitter)
        {
            _rig = new DirectoryRig(reachable);
            _rig.Clock.Now = Start;
            _registration = _rig.Registration(new ScriptedRandom(jitter));
        }

        // Finds /rd, then registers: two steps, each due at once.
        private static void Register()
        {
            Assert.AreEqual(0, _registration.Step());
            Assert.AreEqual((int)RegistrationState.Registering, (int)_registration.State);
            _registration.Step();
            Assert.AreEqual((int)RegistrationState.Registered, (int)_registration.State);
        }

        [TestMethod]
        public void RegistersItsLinksUnderItsNameWithLifetimeAndBase()
        {
            Create(true);
            try
            {
                Register();
                Assert.AreEqual(1, _rig.Directory.Posts);
                Assert.AreEqual("ep=kitchen&lt=90000&base=coap://10.0.0.5:5683", _rig.Directory.Query);
                Assert.AreEqual(Text.Ascii(DirectoryRig.Links, 0, DirectoryRig.Links.Length), _rig.Directory.Payload);
                Assert.AreEqual((uint)CoapContentFormat.LinkFormat, _rig.Directory.ContentFormatReceived);
                Assert.AreEqual(2, _registration.Location.SegmentCount);
                Assert.IsTrue(_registration.Location.SegmentEquals(0, "reg"));
                Assert.IsTrue(_registration.Location.SegmentEquals(1, "1"));
                Assert.AreEqual(1, _registration.Registrations);
                Assert.AreEqual(Start + UpdateDelay, _registration.DueAt);
                Assert.AreEqual("Registered with coap://rd.test as kitchen, lifetime 90000 s", _rig.Log.Last);
                Assert.AreEqual(1, _rig.Log.Lines.Count);
            }
            finally
            {
                _rig.Stop();
            }
        }

        [TestMethod]
        public void AConfiguredRegistrationPathIsNotLookedUp()
        {
            _rig = new DirectoryRig(true);
            _rig.Settings.RegistrationPath = "/rd";
            _rig.Settings.BaseUri = null;
            _rig.Settings.LifetimeSeconds = 600;
            _registration = _rig.Registration(new ScriptedRandom());
            try
            {
                Assert.AreEqual(0, _registration.Step());
                Assert.AreEqual(0L, _rig.Server.Counters.Requests);
                _registration.Step();
                Assert.AreEqual((int)RegistrationState.Registered, (int)_registration.State);
                Assert.AreEqual(1L, _rig.Server.Counters.Requests);
                Assert.AreEqual("ep=kitchen&lt=600", _rig.Directory.Query);
            }
            finally
            {
                _rig.Stop();
            }
        }

        [TestMethod]
        public void NothingIsSentBeforeTheUpdateIsDue()
        {
            Create(true);
            try
            {
                Register();
                int sent = _rig.DeviceEnd.Sent;
                _rig.Clock.Now = Start + UpdateDelay - 1;
                Assert.AreEqual(1, _registration.Step());
                Assert.AreEqual(sent, _rig.DeviceEnd.Sent);
                Assert.AreEqual(0, _rig.First.Updates);
            }
            finally
            {
                _rig.Stop();
            }
        }

        [TestMethod]
        public void UpdatesTheRegistrationResourceWithAnEmptyPost()
        {
            Create(true);
            try
            {
                Register();
                _rig.Clock.Now = Start + UpdateDelay;
                _registration.Step();
                Assert.AreEqual(1, _rig.First.Updates);
                Assert.AreEqual(0, _rig.First.UpdatePayloadLength);
                Assert.AreEqual(string.Empty, _rig.First.UpdateQuery);
                Assert.AreEqual(1, _registration.Updates);
                Assert.AreEqual((int)RegistrationState.Registered, (int)_registration.State);
                Assert.AreEqual(Start + 2 * UpdateDelay, _registration.DueAt);
                Assert.AreEqual(1, _rig.Directory.Posts);

                // Updated quietly: only the registration was logged.
                Assert.AreEqual(1, _rig.Log.Lines.Count);
            }
            finally
            {
                _rig.Stop();
            }
        }

        [TestMethod]
        public void AnUpdateAnsweredNotFoundRegistersAnew()
        {
            Create(true);
            try
            {
                Register();
                _rig.First.UpdateAnswer = CoapCode.NotFound;
                _rig.Clock.Now = Start + UpdateDelay;
                Assert.AreEqual(0, _registration.Step());
                Assert.AreEqual((int)RegistrationState.Registering, (int)_registration.State);
                Assert.AreEqual("The RD coap://rd.test answered the update 4.04: registering anew", _rig.Log.Last);
                _registration.Step();
                Assert.AreEqual(2, _rig.Directory.Posts);
                Assert.AreEqual((int)RegistrationState.Registered, (int)_registration.State);
                Assert.IsTrue(_registration.Location.SegmentEquals(1, "2"));

                // The next update goes to the new registration resource.
                _rig.Clock.Now += UpdateDelay;
                _registration.Step();
                Assert.AreEqual(1, _rig.Second.Updates);
                Assert.AreEqual(1, _rig.First.Updates);
            }
            finally
            {
                _rig.Stop();
            }
        }

        [TestMethod]
        public void AnUpdateAnsweredBadRequestRegistersAnew()
        {
            Create(true);
            try
            {
                Register();
                _rig.First.UpdateAnswer = CoapCode.BadRequest;
                _rig.Clock.Now = Start + UpdateDelay;
                _registration.Step();
                Assert.AreEqual((int)RegistrationState.Registering, (int)_registration.State);
                _registration.Step();
                Assert.AreEqual(2, _registration.Registrations);
            }
            finally
            {
                _rig.Stop();
            }
        }

        [TestMethod]
        public void AServerErrorOnUpdateIsRetriedAndRegistersAnewOnceTheLifetimeIsOver()
        {
            _rig = new DirectoryRig(true);
            _rig.Settings.LifetimeSeconds = 100;
            _rig.Settings.FirstRetrySeconds = 10;
            _rig.Settings.MaxRetrySeconds = 40;
            _rig.Clock.Now = Start;
            _registration = _rig.Registration(new ScriptedRandom(0, 0, 0));
            try
            {
                Register();
                Assert.AreEqual(Start + 50000, _registration.DueAt);
                _rig.First.UpdateAnswer = CoapCode.ServiceUnavailable;
                _rig.Clock.Now = Start + 50000;
                Assert.AreEqual(10000, _registration.Step());
                Assert.AreEqual((int)RegistrationState.Registered, (int)_registration.State);
                Assert.AreEqual("RD coap://rd.test refused the update (5.03), retrying in 10 s", _rig.Log.Last);
                _rig.Clock.Now += 10000;
                Assert.AreEqual(20000, _registration.Step());
                Assert.AreEqual((int)RegistrationState.Registered, (int)_registration.State);

                // 80 s + 40 s is past the 100 s lifetime: the RD will have dropped it.
                _rig.Clock.Now += 20000;
                Assert.AreEqual(40000, _registration.Step());
                Assert.AreEqual((int)RegistrationState.Registering, (int)_registration.State);
                Assert.AreEqual(3, _rig.First.Updates);
            }
            finally
            {
                _rig.Stop();
            }
        }

        [TestMethod]
        public void ARefusedRegistrationIsRetriedLater()
        {
            Create(true, 0, 0);
            try
            {
                _rig.Directory.Answer = CoapCode.BadRequest;
                _registration.Step();
                Assert.AreEqual(10000, _registration.Step());
                Assert.AreEqual((int)RegistrationState.Registering, (int)_registration.State);
                Assert.AreEqual("RD coap://rd.test refused the registration (4.00), retrying in 10 s", _rig.Log.Last);
                Assert.AreEqual(1, _registration.Failures);

                _rig.Directory.Answer = CoapCode.Created;
                _rig.Clock.Now += 10000;
                _registration.Step();
                Assert.AreEqual((int)RegistrationState.Registered, (int)_registration.State);
                Assert.AreEqual(0, _registration.Failures);
            }
            finally
            {
                _rig.Stop();
            }
        }

        [TestMethod]
        public void AnUnreachableDirectoryIsRetriedLessAndLessOften()
        {
            Create(false, 0, 2500);
            _rig.Settings.RequestTimeoutMilliseconds = 200;
            Assert.AreEqual(10000, _registration.Step());
            Assert.AreEqual((int)RegistrationState.Finding, (int)_registration.State);
            Assert.AreEqual("RD coap://rd.test unreachable (no answer), retrying in 10 s", _rig.Log.Last);
            _rig.Clock.Now += 10000;
            Assert.AreEqual(17500, _registration.Step());
            Assert.AreEqual("RD coap://rd.test unreachable (no answer), retrying in 18 s", _rig.Log.Last);
            Assert.AreEqual(2, _registration.Failures);
            Assert.IsTrue(_rig.DeviceEnd.Sent >= 2);
        }

        [TestMethod]
        public void StopRemovesTheRegistration()
        {
            Create(true);
            try
            {
                Register();
                Assert.IsTrue(_registration.Stop(true, 3000));
                Assert.AreEqual(1, _rig.First.Deletes);
                Assert.AreEqual((int)RegistrationState.Stopped, (int)_registration.State);
                Assert.AreEqual("Removed the registration from coap://rd.test", _rig.Log.Last);
            }
            finally
            {
                _rig.Stop();
            }
        }

        [TestMethod]
        public void StopWithoutRemovalSendsNothing()
        {
            Create(true);
            try
            {
                Register();
                int sent = _rig.DeviceEnd.Sent;
                Assert.IsTrue(_registration.Stop(false, 3000));
                Assert.AreEqual(sent, _rig.DeviceEnd.Sent);
                Assert.AreEqual(0, _rig.First.Deletes);
            }
            finally
            {
                _rig.Stop();
            }
        }

        [TestMethod]
        public void ItsThreadRegistersAndStops()
        {
            Create(true);
            try
            {
                _registration.Start();
                for (int i = 0; i < 300 && _registration.State != RegistrationState.Registered; i++)
                {
                    System.Threading.Thread.Sleep(10);
                }

                Assert.AreEqual((int)RegistrationState.Registered, (int)_registration.State);
                Assert.IsTrue(_registration.Stop(true, 3000));
                Assert.AreEqual(1, _rig.First.Deletes);
            }
            finally
            {
                _rig.Stop();
            }
        }
    }
}
