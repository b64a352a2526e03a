using System;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThermoDev.Gateway.Devices;

namespace ThermoDev.Gateway.Api
{
    /// <summary>The REST API's read side: /api/devices, /api/devices/{name}, /api/devices/{name}/history, /api/devices/{name}/status.</summary>
    public static class DeviceEndpoints
    {
        /// <summary>Maps the routes.</summary>
        public static void Map(IEndpointRouteBuilder routes, DeviceRegistry devices)
        {
            ArgumentNullException.ThrowIfNull(routes);
            ArgumentNullException.ThrowIfNull(devices);
            routes.MapGet("/api/devices", () => Results.Json(devices.All.Select(d => d.Snapshot()).ToList(), GatewayJson.Options));
            routes.MapGet("/api/devices/{name}", (string name) =>
                devices.Find(name) is Device device ? Results.Json(device.Snapshot(), GatewayJson.Options) : UnknownDevice(name));
            routes.MapGet("/api/devices/{name}/history", (string name) =>
                devices.Find(name) is Device device ? Results.Json(device.History.Read(DateTimeOffset.UtcNow), GatewayJson.Options) : UnknownDevice(name));
            routes.MapGet("/api/devices/{name}/status", (string name) => Status(devices, name));
        }

        /// <summary>The device's last polled /status; 404 problem+json when it has none (yet).</summary>
        private static IResult Status(DeviceRegistry devices, string name)
        {
            if (devices.Find(name) is not Device device)
            {
                return UnknownDevice(name);
            }

            StatusView? view = device.PolledStatus.View(device.Name, DateTimeOffset.UtcNow);
            return view != null
                ? Results.Json(view, GatewayJson.Options)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No status",
                    detail: device.PolledStatus.NotServed ? $"Device '{name}' has no /status." : $"Device '{name}' has not answered a /status request yet.");
        }

        /// <summary>410 as application/problem+json: the device's registration ended, so the gateway no longer reaches it.</summary>
        public static IResult GoneDevice(string name) =>
            Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Device gone", detail: $"Device '{name}' is gone: its registration expired or was removed.");

        /// <summary>404 as application/problem+json (RFC 9457), naming the device.</summary>
        public static IResult UnknownDevice(string name) =>
            Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown device", detail: $"No device is named '{name}'.");
    }
}
