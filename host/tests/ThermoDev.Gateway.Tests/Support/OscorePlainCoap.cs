using System;
using System.Net;
using System.Text;
using Coap.Micro;
using Coap.Micro.Dotnet;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>One unprotected CoAP request straight to a device on [::1] (Coap.Micro's client), as anyone on the path could send it.</summary>
    public static class OscorePlainCoap
    {
        /// <summary>Sends <paramref name="method"/> <paramref name="path"/> with <paramref name="payload"/> to [::1]:<paramref name="port"/>; the answer's code and payload.</summary>
        public static (byte Code, string Payload) Request(int port, byte method, string path, string payload = "")
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            var client = new CoapClient(transport, new MonotonicClock(), new CoapRandom(), new CoapClientOptions());
            var request = new CoapRequest(1024);
            request.SetEndpoint(DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.IPv6Loopback, port)));
            request.Method = method;
            request.SetPath(path);
            byte[] body = Encoding.UTF8.GetBytes(payload);
            request.SetPayload(body, 0, body.Length);
            CoapClientResult result = client.Request(request, 10_000);
            if (result != CoapClientResult.Response)
            {
                throw new InvalidOperationException("no answer: " + result);
            }

            return (request.Code, Encoding.UTF8.GetString(request.ResponseBuffer, request.PayloadOffset, request.PayloadLength));
        }
    }
}
