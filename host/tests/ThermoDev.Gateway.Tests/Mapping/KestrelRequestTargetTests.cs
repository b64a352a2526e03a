using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Coap.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.Gateway.Tests.Mapping
{
    /// <summary>
    /// What Kestrel hands the application for /hc/ request targets sent byte for byte: RawTarget keeps the
    /// target as sent, so TargetUri reads it; Request.Path has already decoded it.
    /// </summary>
    [TestClass]
    public sealed class KestrelRequestTargetTests
    {
        private static WebApplication? app;
        private static int port;
        private static readonly ConcurrentDictionary<string, string> Seen = new ConcurrentDictionary<string, string>();

        /// <summary>Starts Kestrel on a free loopback port; each request answers with what TargetUri read.</summary>
        [ClassInitialize]
        public static void Start(TestContext context)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            app = builder.Build();
            app.Run(async http =>
            {
                string raw = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
                TargetUriResult result = TargetUri.FromRequestTarget(raw);
                Seen[raw] = http.Request.Path.Value ?? string.Empty;
                byte[] body = Encoding.UTF8.GetBytes(result.Target?.ToString() ?? result.Error ?? string.Empty);
                http.Response.StatusCode = result.HttpStatus;
                http.Response.ContentLength = body.Length;
                await http.Response.Body.WriteAsync(body);
            });
            app.StartAsync().Wait(TimeSpan.FromSeconds(30));
            string address = string.Empty;
            foreach (string a in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses)
            {
                address = a;
            }

            port = new Uri(address).Port;
        }

        /// <summary>Stops Kestrel.</summary>
        [ClassCleanup]
        public static void Stop()
        {
            app?.StopAsync().Wait(TimeSpan.FromSeconds(30));
            (app as IDisposable)?.Dispose();
        }

        // Sends one request line exactly as given and returns the status code and body.
        private static async Task<(int Status, string Body)> SendRawAsync(string requestTarget)
        {
            using var client = new TcpClient(AddressFamily.InterNetwork);
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(10));
            NetworkStream stream = client.GetStream();
            byte[] request = Encoding.ASCII.GetBytes("GET " + requestTarget + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(request).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
            int status = int.Parse(response.Substring(9, 3), System.Globalization.CultureInfo.InvariantCulture);
            string body = response.Substring(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4);
            return (status, body);
        }

        /// <summary>Targets as a client sends them reach TargetUri intact through RawTarget.</summary>
        [TestMethod]
        [DataRow("/hc/coap://[::1]:5683/temp?x=1", "coap://[::1]/temp?x=1")]
        [DataRow("/hc/coap://%5B::1%5D:6001/temp", "coap://[::1]:6001/temp")]
        [DataRow("/hc/coap://127.0.0.1/a%2Fb/c%2520d", "coap://127.0.0.1/a%2Fb/c%2520d")]
        [DataRow("/hc/?target_uri=coap%3A%2F%2F%5B%3A%3A1%5D%2Ftemp%3Fa%3D1", "coap://[::1]/temp?a=1")]
        public async Task RawTargetReachesTheMapping(string requestTarget, string coapUri)
        {
            (int status, string body) = await SendRawAsync(requestTarget);
            Assert.AreEqual(200, status, body);
            Assert.AreEqual(coapUri, body);
        }

        /// <summary>Request.Path decodes what RawTarget keeps, so it cannot tell a target's own %25 from '%'.</summary>
        [TestMethod]
        public async Task RequestPathIsAlreadyDecoded()
        {
            const string target = "/hc/coap://127.0.0.1/c%2520d";
            (int status, _) = await SendRawAsync(target);
            Assert.AreEqual(200, status);
            Assert.IsTrue(Seen.TryGetValue(target, out string? path));
            Assert.AreEqual("/hc/coap://127.0.0.1/c%20d", path);
        }

        /// <summary>Bad targets get their status and reason, through the server too.</summary>
        [TestMethod]
        [DataRow("/hc/coaps://[::1]/temp", 501)]
        [DataRow("/hc/http://example.com/", 400)]
        [DataRow("/hc/coap:/[::1]/temp", 400)]
        public async Task BadTargetsThroughTheServer(string requestTarget, int status)
        {
            (int actual, string body) = await SendRawAsync(requestTarget);
            Assert.AreEqual(status, actual, body);
            Assert.IsTrue(body.Length > 10, body);
        }
    }
}
