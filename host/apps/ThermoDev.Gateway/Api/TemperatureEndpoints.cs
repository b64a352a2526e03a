using System;
using System.Threading.Tasks;
using global::Coap.Http;
using global::Coap.Micro;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThermoDev.Gateway.Forwarding;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.Proxy;

namespace ThermoDev.Gateway.Api
{
    /// <summary>
    /// GET and PUT /api/devices/{name}/temp: the device's observed resource in text/plain. GET is
    /// answered from the cache while fresh; PUT forwards the body ("30.5") and answers with the device's
    /// reply; errors as the proxy maps them (504, 503 + Retry-After, 4xx with the device's diagnostic).
    /// </summary>
    public static class TemperatureEndpoints
    {
        /// <summary>Maps the routes.</summary>
        public static void Map(IEndpointRouteBuilder routes, GatewayCore core)
        {
            ArgumentNullException.ThrowIfNull(routes);
            ArgumentNullException.ThrowIfNull(core);
            routes.MapGet("/api/devices/{name}/temp", (HttpContext context, string name) => Get(context, core, name));
            routes.MapPut("/api/devices/{name}/temp", (HttpContext context, string name) => Put(context, core, name));
        }

        private static async Task Get(HttpContext context, GatewayCore core, string name)
        {
            Device? device = core.Devices.Find(name);
            if (device == null || device.IsGone)
            {
                await (device == null ? DeviceEndpoints.UnknownDevice(name) : DeviceEndpoints.GoneDevice(name)).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            var call = new CoapCall(device, CoapCode.Get, device.Address.Path) { Accept = CoapContentFormat.TextPlain };
            Forwarded forwarded = await core.Forwarder.ForwardAsync(call, context.RequestAborted).ConfigureAwait(false);
            await CoapResponseWriter.WriteAsync(context, device, forwarded, core.Forwarder.Timeout).ConfigureAwait(false);
        }

        private static async Task Put(HttpContext context, GatewayCore core, string name)
        {
            Device? device = core.Devices.Find(name);
            if (device == null || device.IsGone)
            {
                await (device == null ? DeviceEndpoints.UnknownDevice(name) : DeviceEndpoints.GoneDevice(name)).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            if (core.ReadOnly)
            {
                await CoapResponseWriter.WriteText(context, StatusCodes.Status403Forbidden,
                    "This gateway is read-only (--read-only): writes are refused.").ConfigureAwait(false);
                return;
            }

            string? contentType = context.Request.ContentType;
            if (contentType != null && MediaTypeMapping.ToContentFormat(contentType, context.Request.Headers.ContentEncoding) != CoapContentFormat.TextPlain)
            {
                await CoapResponseWriter.WriteText(context, StatusCodes.Status415UnsupportedMediaType,
                    $"Send the temperature as text/plain (e.g. 30.5), not {contentType}.").ConfigureAwait(false);
                return;
            }

            byte[]? body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            if (body == null)
            {
                await RequestBody.WriteTooLarge(context).ConfigureAwait(false);
                return;
            }

            var call = new CoapCall(device, CoapCode.Put, device.Address.Path) { ContentFormat = CoapContentFormat.TextPlain, Payload = body };
            Forwarded forwarded = await core.Forwarder.ForwardAsync(call, context.RequestAborted).ConfigureAwait(false);
            await CoapResponseWriter.WriteAsync(context, device, forwarded, core.Forwarder.Timeout).ConfigureAwait(false);
        }
    }
}
