using System.Threading;
using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Sensors;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>The read loop: notifications on a change of the reported value, on failure and recovery; the server refreshes before Max-Age.</summary>
    [TestClass]
    public class SensorReadLoopTests
    {
        [TestMethod]
        public void AnUnchangedReadingNotifiesNobody()
        {
            SimulatedSensor sensor = new SimulatedSensor();
            ThermoDevHarness h = new ThermoDevHarness(sensor);
            h.Observe();
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual(0, h.Notifications());
            sensor.Set(2504);
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual(0, h.Notifications());
        }

        [TestMethod]
        public void AChangeOfTheRoundedValueIsNotified()
        {
            SimulatedSensor sensor = new SimulatedSensor();
            ThermoDevHarness h = new ThermoDevHarness(sensor);
            h.Observe();
            sensor.Set(2506);
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual(1, h.Notifications());
            Assert.AreEqual("25.1", h.LastSentText());
        }

        [TestMethod]
        public void APutIsNotifiedOnceAlthoughTheNextReadingSeesTheNewValueToo()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            h.Observe();
            h.PutTemperature("30.5", -1);
            Assert.AreEqual(2, h.Transport.SentCount, "the answer and one notification");
            h.Clock.Now += 1000;
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual(0, h.Notifications());
        }

        [TestMethod]
        public void TheValueIsSentAgainBeforeMaxAgeRunsOut()
        {
            // Max-Age 10 s, readings every second: the server sends an unchanged value to an observer
            // 2.5 s before the Max-Age of what it last sent it runs out (RFC 7641 §4.3.1), counted from
            // its registration, not from the readings.
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            h.Clock.Now += 400;
            h.Observe();
            for (int second = 1; second <= 7; second++)
            {
                h.Clock.Now += 1000;
                h.Device.ReadLoop.ReadOnce();
                Assert.AreEqual(0, h.Notifications(), "at " + second.ToString() + " s");
            }

            h.Clock.Now += 500 - 1;
            Assert.AreEqual(0, h.Notifications());
            h.Clock.Now += 1;
            Assert.AreEqual(1, h.Notifications());
            Assert.AreEqual("25.0", h.LastSentText());
        }

        [TestMethod]
        public void AFailedReadingEndsTheObservationWith503()
        {
            // RFC 7641 §4.2: a notification with an error code ends the relation.
            SimulatedSensor sensor = new SimulatedSensor();
            ThermoDevHarness h = new ThermoDevHarness(sensor);
            h.Observe();
            sensor.Failing = true;
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual(1, h.Notifications());
            CoapMessage notification = Server.ServerHarness.Parse(h.Transport.Sent(0));
            Assert.AreEqual(CoapCode.ServiceUnavailable, notification.Code);
            Assert.AreEqual(0, h.Device.Server.Counters.Observers);
            Assert.AreEqual(1, h.Device.ReadLoop.Failures);
        }

        [TestMethod]
        public void ASensorThatThrowsIsAFailedReading()
        {
            FixedSensor sensor = new FixedSensor();
            ThermoDevHarness h = new ThermoDevHarness(sensor);
            sensor.Throwing = true;
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual(CoapCode.ServiceUnavailable, h.GetTemperature(-1).Code);
            sensor.Throwing = false;
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual(CoapCode.Content, h.GetTemperature(-1).Code);
            Assert.AreEqual(1, h.Device.ReadLoop.Failures);
            Assert.AreEqual(3, h.Device.ReadLoop.Reads);
        }

        [TestMethod]
        public void TheLoopReadsOnItsOwnThreadAndStops()
        {
            ThermoDevOptions options = new ThermoDevOptions();
            options.ReadIntervalMilliseconds = 100;
            ThermoDevServer device = new ThermoDevServer(new InMemoryTransport(), new Server.FakeClock(), new Server.RepeatingRandom(1), new SimulatedSensor(), options);
            device.Start();
            for (int i = 0; i < 500 && device.ReadLoop.Reads < 3; i++)
            {
                Thread.Sleep(10);
            }

            Assert.IsTrue(device.Stop(5000));
            int reads = device.ReadLoop.Reads;
            Assert.IsTrue(reads >= 3);
            Thread.Sleep(300);
            Assert.AreEqual(reads, device.ReadLoop.Reads);
        }
    }
}
