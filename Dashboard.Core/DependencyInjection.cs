using Dashboard.Core.Bounces.Inbound;
using Dashboard.Core.Cluster;
using Dashboard.Core.Data;
using Dashboard.Core.Demo;
using Dashboard.Core.Erasure;
using Dashboard.Core.Integrations;
using Dashboard.Core.Relay;
using Dashboard.Core.Submissions;
using Dashboard.Core.Retention;
using Dashboard.Core.Reporting;
using Dashboard.Core.Sandbox;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Core;

/// <summary>Registers the Core services: database, pipeline, classifier, suppressions.</summary>
public static class DependencyInjection
{
    /// <summary>Adds every Core service, binding and validating options from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddDashboardCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Problem() is null, "Database:Provider must be Sqlite or Postgres, and Postgres needs Database:ConnectionString.")
            .ValidateOnStart();
        services.AddOptions<SendingOptions>()
            .Bind(configuration.GetSection(SendingOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.HasUsableTransport, "Sending:Smarthost:Host is required when Sending:Transport is Smarthost.")
            .Validate(o => o.DirectMx.ParsedNameServers() is not null,
                "Sending:DirectMx:NameServers must be addresses with an optional port, e.g. 9.9.9.9 or 127.0.0.1:5353.")
            .Validate(o => System.ComponentModel.DataAnnotations.Validator.TryValidateObject(o.DirectMx, new(o.DirectMx), null, validateAllProperties: true),
                "Sending:DirectMx is out of range: Port 1-65535, DnsTimeoutSeconds 1-60, MaxMxHosts 1-20.")
            .ValidateOnStart();
        services.AddOptions<SandboxOptions>()
            .Bind(configuration.GetSection(SandboxOptions.Section))
            .ValidateDataAnnotations()
            .Validate<IOptions<SendingOptions>>((sandbox, sending) => sandbox.Enabled || sending.Value.Transport != TransportKind.Sandbox,
                "Sending:Transport is Sandbox but Sandbox:Enabled is false: enable the sandbox or configure a smarthost.")
            .ValidateOnStart();

        services.AddOptions<ReturnPathOptions>()
            .Bind(configuration.GetSection(ReturnPathOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.HasUsableKey, "ReturnPath:SigningKey must be set to a secret of at least 32 characters (e.g. `openssl rand -base64 48`), or ReturnPath:Enabled set to false.")
            .ValidateOnStart();
        services.AddOptions<InboundOptions>()
            .Bind(configuration.GetSection(InboundOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => System.Net.IPAddress.TryParse(o.Address, out _), "Inbound:Address must be an IP address, e.g. 127.0.0.1.")
            .ValidateOnStart();
        services.AddOptions<Dmarc.DmarcOptions>()
            .Bind(configuration.GetSection(Dmarc.DmarcOptions.Section))
            .ValidateDataAnnotations()
            .Validate<IOptions<ReturnPathOptions>>((o, returnPath) => o.IsAtBounceDomain(returnPath.Value.Domain),
                "Dmarc:Address must be at the bounce domain (ReturnPath:Domain), whose mail reaches the inbound listener.")
            .ValidateOnStart();
        services.AddOptions<RelayOptions>()
            .Bind(configuration.GetSection(RelayOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => System.Net.IPAddress.TryParse(o.Address, out _), "Relay:Address must be an IP address, e.g. 127.0.0.1.")
            .Validate<IHostEnvironment>((o, env) => o.AuthWithoutTls || !string.IsNullOrWhiteSpace(o.CertificatePath) || env.IsDevelopment(),
                "Relay:CertificatePath (a PFX) is required when the relay is not on loopback, so passwords travel encrypted; or set Relay:AllowPlainAuthWithoutTls.")
            .ValidateOnStart();
        services.AddOptions<IntegrationOptions>()
            .Bind(configuration.GetSection(IntegrationOptions.Section))
            .ValidateDataAnnotations()
            .Validate<IHostEnvironment>((o, env) => env.IsDevelopment() || (o.DevelopmentRelayCredential is null && o.DevelopmentApiKey is null),
                "Integrations:DevelopmentRelayCredential and DevelopmentApiKey are published in the README: they are refused outside Development.")
            .Validate(o => o.DevelopmentApiKey is null || IntegrationService.PrefixOf(o.DevelopmentApiKey) is not null,
                "Integrations:DevelopmentApiKey must look like dk_XXXXXXXX_secret.")
            .ValidateOnStart();
        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection(DemoOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<Alerts.AlertOptions>()
            .Bind(configuration.GetSection(Alerts.AlertOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.IsOrdered, "Alerts: each warning threshold must be at or below its critical one (BounceRateWarning <= BounceRateCritical, ComplaintRateWarning <= ComplaintRateCritical).")
            .ValidateOnStart();
        services.AddOptions<Domains.DomainOptions>()
            .Bind(configuration.GetSection(Domains.DomainOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.ParsedNameServers() is not null, "Domains:NameServers must be addresses with an optional port, e.g. 9.9.9.9 or 127.0.0.1:5353.")
            .Validate(o => o.ParsedSendingIps() is not null, "Domains:SendingIps must be IP addresses, e.g. 203.0.113.7.")
            .ValidateOnStart();
        services.AddOptions<Webhooks.WebhookOptions>()
            .Bind(configuration.GetSection(Webhooks.WebhookOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddCluster(configuration);

        // Pooled: a unit of work of the sending pipeline is a few statements, and building a context's
        // internal services for each one cost about as much as the statements (the relay benchmark).
        services.AddPooledDbContextFactory<DashboardDbContext>((sp, options) =>
            options.UseDashboardDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        // The Identity stores take a scoped context: one from the pool, returned when the scope ends.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<Activity.ActivityFeed>();

        // Sending: the transport is chosen by configuration.
        services.AddSingleton<SandboxServer>();
        services.AddSingleton<SandboxTransport>();
        services.AddSingleton<SmarthostTransport>();
        services.AddSingleton<DirectMxTransport>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<SendingOptions>>().Value.Transport switch
        {
            TransportKind.Smarthost => sp.GetRequiredService<SmarthostTransport>(),
            TransportKind.DirectMx => sp.GetRequiredService<DirectMxTransport>(),
            _ => sp.GetRequiredService<SandboxTransport>(),
        });
        services.AddSingleton<ReturnPathSigner>();
        services.AddSingleton<PipelineWriteGate>();
        services.AddSingleton<Messages.MessageLedger>();
        services.AddSingleton<SuppressionFeed>();
        services.AddSingleton<SuppressionRules>();
        services.AddSingleton<SuppressionService>();
        services.AddSingleton<SuppressionWatchList>();
        services.AddSingleton<SuppressionCsvExporter>();
        services.AddSingleton<SuppressionImporter>();
        services.AddSingleton<ForwardingFailureList>();
        services.AddOptions<Unsubscribe.UnsubscribeOptions>()
            .Bind(configuration.GetSection(Unsubscribe.UnsubscribeOptions.Section))
            .Validate(o => o.Problem() is null, "Unsubscribe is misconfigured: Enabled needs a PublicBaseUrl (https) and a SigningKey of 32+ characters.")
            .ValidateOnStart();
        services.AddSingleton<Unsubscribe.UnsubscribeSigner>();
        services.AddSingleton<Unsubscribe.UnsubscribeService>();
        services.AddSingleton<Reclassification.Reclassifier>();
        services.AddSingleton<SendingInstance>();
        services.AddSingleton<SendingLeases>();
        services.AddSingleton<SendService>();
        services.AddSingleton<Dmarc.DmarcReportReceiver>();
        services.AddSingleton<Dmarc.DmarcQueryService>();
        services.AddSingleton<InboundBounceProcessor>();
        services.AddSingleton<UnmatchedBounceService>();
        services.AddSingleton<InboundBounceServer>();
        services.AddSingleton<SandboxAftermathService>();
        services.AddSingleton<DeliveryStatsService>();
        services.AddSingleton<SharedDeliveryStats>();
        services.AddSingleton<Activity.ActivityQueryService>();
        services.AddSingleton<Activity.ActivityCsvExporter>();
        services.AddSingleton<Activity.MessageResender>();
        services.AddSingleton<IntegrationService>();
        services.AddSingleton<SubmissionService>();
        services.AddSingleton<RelayServer>();
        services.AddSingleton<DemoClients>();
        services.AddSingleton<ReportQueryService>();
        services.AddSingleton<Typos.DomainSuggester>();
        services.AddSingleton<Alerts.AlertEvaluator>();
        services.AddSingleton<Alerts.AlertNotifier>();
        services.AddSingleton<Alerts.AlertFeed>();
        services.AddSingleton<Alerts.AlertService>();
        services.AddSingleton<Webhooks.WebhookOutbox>();
        services.AddSingleton<Webhooks.WebhookEndpointService>();
        services.AddSingleton<Webhooks.WebhookDispatcher>();
        services.AddSingleton<Domains.DkimKeys>();
        services.AddSingleton<Domains.DkimSigning>();
        services.AddSingleton<Domains.DomainRecords>();
        services.AddSingleton<Domains.DomainChecker>();
        services.AddSingleton<Domains.SenderDomainQueries>();
        services.AddSingleton<Domains.SenderDomainService>();

        // Hosted services start in this order: the sandbox must listen before queued mail is sent.
        services.AddHostedService(sp => sp.GetRequiredService<SandboxServer>());
        services.AddHostedService(sp => sp.GetRequiredService<InboundBounceServer>());
        services.AddHostedService(sp => sp.GetRequiredService<SandboxAftermathService>());
        services.AddSingleton<SendingRecoveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<SendingRecoveryService>());
        services.AddHostedService(sp => sp.GetRequiredService<SubmissionService>());
        services.AddHostedService(sp => sp.GetRequiredService<RelayServer>());
        services.AddHostedService<Reporting.Rollups.RollupFolder>();
        // Singleton jobs: with several instances on one database, one instance runs each (see Cluster/).
        // The relay, the inbound listener, sending and the sandbox's aftermath (it answers the mail this
        // instance's sandbox accepted) run on every instance.
        services.AddSingletonJob<SuppressionExpirySweeper>();
        services.AddSingletonJob<Domains.DomainCheckScheduler>();
        services.AddRetention(configuration);
        services.AddErasure(configuration);
        services.AddSingletonJob<DemoTrafficService>();
        services.AddSingletonJob<DemoDmarcReports>();
        services.AddSingletonJob<Alerts.AlertMonitor>();
        services.AddSingletonJob<Webhooks.WebhookDispatcher>();

        return services;
    }
}
