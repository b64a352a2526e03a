using nanoFramework.TestFramework;
using ThermoDev.ResourceDirectory;
using ThermoDev.Tests.ThermoDev;

namespace ThermoDev.Tests.ResourceDirectory
{
    /// <summary>Finding the RD by multicast (RFC 9176 §4.1): the first RD that answers with a core.rd link is registered with.</summary>
    [TestClass]
    public class MulticastFindingTests
    {
        [TestMethod]
        public void TheRdThatAnswersIsRegisteredWith()
        {
            DirectoryRig rig = new DirectoryRig(true);
            try
            {
                ResourceDirectoryRegistration registration = rig.MulticastRegistration(new ScriptedRandom());
                Assert.AreEqual(0, rig.Directory.Posts);
                Assert.AreEqual(0, registration.Directory.Length);
                Assert.AreEqual(0, registration.Step());
                Assert.AreEqual("Found the RD coap://rd.test by multicast", rig.Log.Last);
                Assert.IsTrue(registration.Directory.SameAs(rig.DirectoryEnd.Self));
                Assert.IsTrue(registration.RegistrationPath.SegmentEquals(0, "rd"));

                // The discovery went out as one NON request, answered by the RD's server (not a registration).
                Assert.AreEqual(1L, rig.Server.Counters.Requests);
                registration.Step();
                Assert.AreEqual((int)RegistrationState.Registered, (int)registration.State);
                Assert.AreEqual(1, rig.Directory.Posts);
                Assert.AreEqual("ep=kitchen&lt=90000&base=coap://10.0.0.5:5683", rig.Directory.Query);
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void NoAnswerIsRetriedLater()
        {
            DirectoryRig rig = new DirectoryRig(false);
            rig.Settings.MulticastWaitMilliseconds = 100;
            ResourceDirectoryRegistration registration = rig.MulticastRegistration(new ScriptedRandom(0));
            Assert.AreEqual(10000, registration.Step());
            Assert.AreEqual((int)RegistrationState.Finding, (int)registration.State);
            Assert.AreEqual("RD coap://rd.test (multicast): no RD answered GET /.well-known/core?rt=core.rd, retrying in 10 s", rig.Log.Last);
            Assert.AreEqual(1, rig.DeviceEnd.Sent);
        }
    }
}
