using System.Threading;
using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.Client
{
    /// <summary>The client against our own server over an in-memory link, loops on threads, blocking calls with real time.</summary>
    [TestClass]
    public class ClientWithServerTests
    {
        [TestMethod]
        public void ABlockingGetRunsTheClientsLoopOnTheCallingThread()
        {
            LinkedHarness h = new LinkedHarness(new CountingResource("test"));
            h.Server.Start();
            try
            {
                CoapRequest request = LinkedHarness.Request("test");
                Assert.AreEqual((int)CoapClientResult.Response, (int)h.Client.Request(request, 5000));
                Assert.AreEqual(CoapCode.Content, request.Code);
                Assert.IsTrue(request.PayloadEquals("run 1"));
                Assert.IsFalse(request.IsPending);

                // And again, with the same request object.
                Assert.AreEqual((int)CoapClientResult.Response, (int)h.Client.Request(request, 5000));
                Assert.IsTrue(request.PayloadEquals("run 2"));
            }
            finally
            {
                h.Stop();
            }
        }

        [TestMethod]
        public void ABlockingGetWaitsForTheClientsOwnLoopThread()
        {
            LinkedHarness h = new LinkedHarness(new CountingResource("test"));
            h.Server.Start();
            h.Client.Start();
            try
            {
                Assert.IsTrue(h.Client.IsRunning);
                CoapRequest request = LinkedHarness.Request("test");
                Assert.AreEqual((int)CoapClientResult.Response, (int)h.Client.Request(request, 5000));
                Assert.IsTrue(request.PayloadEquals("run 1"));
                Assert.ThrowsException(typeof(System.InvalidOperationException), () => { h.Client.Poll(0); });
                Assert.ThrowsException(typeof(System.InvalidOperationException), () => { h.Client.Start(); });
            }
            finally
            {
                h.Stop();
            }

            Assert.IsFalse(h.Client.IsRunning);
        }

        [TestMethod]
        public void ABlockingCallThatGetsNoAnswerReturnsTimeoutAndTheRequestIsIdle()
        {
            LinkedHarness h = new LinkedHarness(new CountingResource("test"));
            CoapRequest request = LinkedHarness.Request("test");
            Assert.AreEqual((int)CoapClientResult.Timeout, (int)h.Client.Request(request, 200));
            Assert.IsFalse(request.IsPending);
            Assert.AreEqual((int)CoapClientResult.Timeout, (int)request.Result);
        }

        [TestMethod]
        public void ARepresentationInBlocksFromOurServerIsReassembled()
        {
            SizedResource big = new SizedResource("big", 1000);
            big.Tagged = true;
            LinkedHarness h = new LinkedHarness(big);
            h.Server.Start();
            try
            {
                CoapRequest request = new CoapRequest(1000);
                request.SetEndpoint(LinkedHarness.ServerEnd);
                request.SetPath("big");
                Assert.AreEqual((int)CoapClientResult.Response, (int)h.Client.Request(request, 5000));
                AssertPayload(SizedResource.Expected(1000, 0), request);
                Assert.AreEqual(15, h.Client.Counters.BlockRequests);

                request.BlockSize = 16;
                Assert.AreEqual((int)CoapClientResult.Response, (int)h.Client.Request(request, 5000));
                AssertPayload(SizedResource.Expected(1000, 0), request);
                Assert.AreEqual(15 + 62, h.Client.Counters.BlockRequests);
            }
            finally
            {
                h.Stop();
            }
        }

        [TestMethod]
        public void APayloadInBlock1BlocksIsAssembledByOurServer()
        {
            AssemblingResource store = new AssemblingResource("store", 500);
            LinkedHarness h = new LinkedHarness(store);
            h.Server.Start();
            try
            {
                byte[] body = SizedResource.Expected(300, 1);
                CoapRequest request = LinkedHarness.Request("store");
                request.Method = CoapCode.Put;
                request.BlockSize = 64;
                request.SetPayload(body, 0, body.Length);
                Assert.AreEqual((int)CoapClientResult.Response, (int)h.Client.Request(request, 5000));
                Assert.AreEqual(CoapCode.Changed, request.Code);
                Assert.AreEqual(1, store.Runs);
                CollectionAssert.AreEqual(body, store.Body);
            }
            finally
            {
                h.Stop();
            }
        }

        [TestMethod]
        public void AnObservationOfOurServerDeliversEachChangeThenDeregisters()
        {
            ObservedResource observed = new ObservedResource("obs");
            LinkedHarness h = new LinkedHarness(observed);
            h.Server.Start();
            h.Client.Start();
            try
            {
                RecordingHandler handler = new RecordingHandler();
                CoapRequest request = LinkedHarness.Request("obs");
                request.Observe = true;
                request.Handler = handler;
                Assert.AreEqual((int)CoapClientResult.Response, (int)h.Client.Request(request, 5000));
                Assert.IsTrue(request.IsObserving);
                Assert.AreEqual(1, h.Server.Counters.Observers);

                for (int value = 1; value <= 3; value++)
                {
                    observed.Set(value);
                    LinkedHarness.WaitForResponses(handler, value + 1);
                }

                Assert.AreEqual("0|1|2|3", handler.Texts);
                Assert.IsTrue(h.Client.StopObserving(request));
                LinkedHarness.WaitForEnd(request);
                Assert.AreEqual((int)CoapClientResult.Cancelled, (int)request.Result);
                Assert.AreEqual(0, h.Server.Counters.Observers);
            }
            finally
            {
                h.Stop();
            }
        }

        [TestMethod]
        public void ASeparateResponseFromOurServerEndsTheRequest()
        {
            SeparateResource separate = new SeparateResource();
            LinkedHarness h = new LinkedHarness(separate);
            h.Server.Start();
            h.Client.Start();
            try
            {
                CoapRequest request = LinkedHarness.Request("sep");
                Assert.AreEqual((int)CoapClientResult.Pending, (int)h.Client.Send(request));
                for (int i = 0; i < 200 && separate.Ticket < 0; i++)
                {
                    Thread.Sleep(10);
                }

                Thread.Sleep(50);
                Assert.IsTrue(request.IsPending);
                Assert.IsTrue(separate.SeparateReady(separate.Ticket));
                LinkedHarness.WaitForEnd(request);
                Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
                Assert.IsTrue(request.PayloadEquals("done"));
            }
            finally
            {
                h.Stop();
            }
        }

        private static void AssertPayload(byte[] expected, CoapRequest request)
        {
            Assert.AreEqual(expected.Length, request.PayloadLength);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual((int)expected[i], (int)request.ResponseBuffer[request.PayloadOffset + i]);
            }
        }
    }
}
