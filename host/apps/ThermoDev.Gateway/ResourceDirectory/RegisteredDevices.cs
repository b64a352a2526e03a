using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Microsoft.Extensions.Logging;
using ThermoDev.Gateway.Devices;

namespace ThermoDev.Gateway.ResourceDirectory
{
    /// <summary>
    /// Makes every registration that offers a temperature a gateway device: a link with rt temperature-c
    /// (ThermoDev's /temp), else one whose target path is /temp, resolved against the registration's base,
    /// becomes the device named by the endpoint name (ep). A new registration adds the device, an update or
    /// a replacement moves it when its base changed, a removal or expiry marks it gone. A name --device
    /// gave stays that device (logged). Two sectors registering one ep: the first keeps the name.
    /// </summary>
    public sealed class RegisteredDevices : IRegistrationListener
    {
        /// <summary>The resource type ThermoDev gives /temp.</summary>
        public const string TemperatureType = "temperature-c";

        private readonly object _gate = new object();
        private readonly Dictionary<string, (string? Sector, int Slot)> _owners = new Dictionary<string, (string?, int)>(StringComparer.Ordinal);
        private readonly ILogger _log;
        private GatewayCore? _core;

        /// <summary>Logs to <paramref name="log"/>; <see cref="Attach"/> gives the gateway.</summary>
        public RegisteredDevices(ILogger log)
        {
            ArgumentNullException.ThrowIfNull(log);
            _log = log;
        }

        /// <summary>Follows registrations in <paramref name="core"/> from now on.</summary>
        public void Attach(GatewayCore core) => _core = core;

        /// <summary>The coap URI of the temperature resource among <paramref name="registration"/>'s links, or null.</summary>
        public static string? TemperatureUri(Registration registration)
        {
            ArgumentNullException.ThrowIfNull(registration);
            List<WebLink> links = registration.ResolvedLinks().ToList();
            WebLink? chosen = links.FirstOrDefault(l => l["rt"] is string rt && LookupFilter.ValueMatches("rt", rt, TemperatureType))
                ?? links.FirstOrDefault(l => Uri.TryCreate(l.Target, UriKind.Absolute, out Uri? uri) && uri.AbsolutePath == Devices.DeviceAddress.DefaultPath);
            return chosen != null && chosen.Target.StartsWith("coap://", StringComparison.OrdinalIgnoreCase) ? chosen.Target : null;
        }

        /// <inheritdoc/>
        public void Registered(Registration registration)
        {
            ArgumentNullException.ThrowIfNull(registration);
            GatewayCore? core = _core;
            if (core == null)
            {
                return;
            }

            string name = registration.Endpoint;
            lock (_gate)
            {
                if (_owners.TryGetValue(name, out var owner) && (owner.Sector != registration.Sector || owner.Slot != registration.Slot))
                {
                    _log.LogWarning("Resource Directory: {Endpoint} (sector {Sector}) is not made a device: sector {Owner} registered that name first",
                        name, registration.Sector ?? "none", owner.Sector ?? "none");
                    return;
                }

                string? uri = TemperatureUri(registration);
                if (uri == null)
                {
                    // Registered again without a temperature: the device it was goes.
                    if (_owners.Remove(name))
                    {
                        core.MarkGone(name, DeviceOrigin.Registered);
                    }

                    return;
                }

                if (!DeviceAddress.TryCreate(name, uri, out DeviceAddress? address, out string error) || !IPAddress.TryParse(address!.Host, out _))
                {
                    _log.LogWarning("Resource Directory: {Endpoint} is not made a device: {Reason}", name,
                        address == null ? error : $"{address.Host} is not an IP address");
                    return;
                }

                DeviceAdmission admission = core.Follow(address, DeviceOrigin.Registered);
                if (admission is DeviceAdmission.Added or DeviceAdmission.Moved or DeviceAdmission.Unchanged)
                {
                    _owners[name] = (registration.Sector, registration.Slot);
                }
            }
        }

        /// <inheritdoc/>
        public void Removed(Registration registration, bool expired)
        {
            ArgumentNullException.ThrowIfNull(registration);
            GatewayCore? core = _core;
            lock (_gate)
            {
                if (core == null || !_owners.TryGetValue(registration.Endpoint, out var owner) || owner.Slot != registration.Slot)
                {
                    return;
                }

                _owners.Remove(registration.Endpoint);
                _log.LogInformation("Resource Directory: {Endpoint} {How}", registration.Endpoint, expired ? "expired" : "removed");
                core.MarkGone(registration.Endpoint, DeviceOrigin.Registered);
            }
        }
    }
}
