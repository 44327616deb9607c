using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Dashboard.PostgresMigrations.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:CollationDefinition:dashboard_nocase", "und-u-ks-level2,und-u-ks-level2,icu,False");

            migrationBuilder.CreateTable(
                name: "Alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Rule = table.Column<int>(type: "integer", nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Severity = table.Column<int>(type: "integer", nullable: false),
                    OpenedAt = table.Column<long>(type: "bigint", nullable: false),
                    ClosedAt = table.Column<long>(type: "bigint", nullable: true),
                    OpenedValue = table.Column<double>(type: "double precision", nullable: false),
                    PeakValue = table.Column<double>(type: "double precision", nullable: false),
                    LastValue = table.Column<double>(type: "double precision", nullable: false),
                    Threshold = table.Column<double>(type: "double precision", nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    WindowFrom = table.Column<long>(type: "bigint", nullable: false),
                    WindowTo = table.Column<long>(type: "bigint", nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "bigint", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    SecretHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    Scopes = table.Column<int>(type: "integer", nullable: false),
                    RatePerMinute = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RevokedAt = table.Column<long>(type: "bigint", nullable: true),
                    LastUsedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    DisplayName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<long>(type: "bigint", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OccurredAt = table.Column<long>(type: "bigint", nullable: false),
                    Actor = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Action = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Target = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Detail = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BounceReasonRollups",
                columns: table => new
                {
                    Period = table.Column<int>(type: "integer", nullable: false),
                    BucketStart = table.Column<long>(type: "bigint", nullable: false),
                    Tag = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Sender = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Provider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Reason = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    IsHard = table.Column<bool>(type: "boolean", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BounceReasonRollups", x => new { x.Period, x.Tag, x.Sender, x.Provider, x.BucketStart, x.Reason, x.IsHard });
                });

            migrationBuilder.CreateTable(
                name: "DeliveryRollups",
                columns: table => new
                {
                    Period = table.Column<int>(type: "integer", nullable: false),
                    BucketStart = table.Column<long>(type: "bigint", nullable: false),
                    Tag = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Sender = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Provider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Processed = table.Column<int>(type: "integer", nullable: false),
                    Delivered = table.Column<int>(type: "integer", nullable: false),
                    SoftBounces = table.Column<int>(type: "integer", nullable: false),
                    HardBounces = table.Column<int>(type: "integer", nullable: false),
                    Rejected = table.Column<int>(type: "integer", nullable: false),
                    Complaints = table.Column<int>(type: "integer", nullable: false),
                    SenderSideSoftBounces = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveryRollups", x => new { x.Period, x.Tag, x.Sender, x.Provider, x.BucketStart });
                });

            migrationBuilder.CreateTable(
                name: "DmarcReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrgName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    OrgEmail = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ReportId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    PeriodBegin = table.Column<long>(type: "bigint", nullable: false),
                    PeriodEnd = table.Column<long>(type: "bigint", nullable: false),
                    PolicyDomain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false, collation: "C"),
                    PolicyP = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    PolicyPct = table.Column<int>(type: "integer", nullable: false),
                    Adkim = table.Column<int>(type: "integer", nullable: false),
                    Aspf = table.Column<int>(type: "integer", nullable: false),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false),
                    Raw = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DmarcReports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApiKeyId = table.Column<long>(type: "bigint", nullable: false),
                    Key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "C"),
                    RequestHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    Response = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MessageContents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Mime = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageContents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecipientStreaks",
                columns: table => new
                {
                    Address = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ConsecutiveSoftBounces = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecipientStreaks", x => x.Address);
                });

            migrationBuilder.CreateTable(
                name: "RollupChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sign = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Sender = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RecipientProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Tags = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SenderDomains",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false, collation: "C"),
                    Selector = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    PrivateKeyProtected = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    PublicKey = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    CheckedAt = table.Column<long>(type: "bigint", nullable: true),
                    CheckState = table.Column<int>(type: "integer", nullable: false),
                    SpfLookups = table.Column<int>(type: "integer", nullable: true),
                    DmarcPolicy = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Dkim_Detail = table.Column<string>(type: "text", nullable: true),
                    Dkim_Found = table.Column<string>(type: "text", nullable: true),
                    Dkim_Status = table.Column<int>(type: "integer", nullable: false),
                    Dmarc_Detail = table.Column<string>(type: "text", nullable: true),
                    Dmarc_Found = table.Column<string>(type: "text", nullable: true),
                    Dmarc_Status = table.Column<int>(type: "integer", nullable: false),
                    Mx_Detail = table.Column<string>(type: "text", nullable: true),
                    Mx_Found = table.Column<string>(type: "text", nullable: true),
                    Mx_Status = table.Column<int>(type: "integer", nullable: false),
                    Spf_Detail = table.Column<string>(type: "text", nullable: true),
                    Spf_Found = table.Column<string>(type: "text", nullable: true),
                    Spf_Status = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SenderDomains", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SendingLeases",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "C"),
                    ProcessId = table.Column<int>(type: "integer", nullable: false),
                    ProcessStartedAt = table.Column<long>(type: "bigint", nullable: false),
                    StartedAt = table.Column<long>(type: "bigint", nullable: false),
                    LeaseUntil = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SendingLeases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SmtpCredentials",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    SecretHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    AllowedSenderDomains = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RatePerMinute = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    LastUsedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmtpCredentials", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Suppressions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Value = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Scope = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAt = table.Column<long>(type: "bigint", nullable: true),
                    MessageId = table.Column<long>(type: "bigint", nullable: true),
                    Note = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    CreatedBy = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    RemovedAt = table.Column<long>(type: "bigint", nullable: true),
                    RemovedBy = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    RemovalReason = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ExpiryRecorded = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Suppressions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeliveryId = table.Column<long>(type: "bigint", nullable: false),
                    EndpointId = table.Column<long>(type: "bigint", nullable: false),
                    AttemptedAt = table.Column<long>(type: "bigint", nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    DurationMs = table.Column<int>(type: "integer", nullable: false),
                    Excerpt = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookAttempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookEndpoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Url = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Events = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Secret = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookEndpoints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClaimType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClaimValue = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClaimType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClaimValue = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProviderKey = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RoleId = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    LoginProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Value = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DmarcRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DmarcReportId = table.Column<long>(type: "bigint", nullable: false),
                    SourceIp = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false, collation: "C"),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Disposition = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    HeaderFrom = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    EnvelopeFrom = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SpfResult = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    SpfDomain = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SpfAligned = table.Column<bool>(type: "boolean", nullable: false),
                    DkimResult = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    DkimDomain = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    DkimSelector = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    DkimAligned = table.Column<bool>(type: "boolean", nullable: false),
                    DmarcPass = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DmarcRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DmarcRecords_DmarcReports_DmarcReportId",
                        column: x => x.DmarcReportId,
                        principalTable: "DmarcReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PublicId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    SubmissionId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    Sender = table.Column<string>(type: "text", nullable: false, collation: "dashboard_nocase"),
                    Recipient = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RecipientDomain = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RecipientProvider = table.Column<string>(type: "text", nullable: false, defaultValue: "", collation: "C"),
                    Subject = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    SizeBytes = table.Column<int>(type: "integer", nullable: false),
                    MessageIdHeader = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ReturnPathToken = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    SubmittedBy = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Tags = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    BouncedAfterDelivery = table.Column<bool>(type: "boolean", nullable: false),
                    DeliveredByRelay = table.Column<bool>(type: "boolean", nullable: false),
                    LastReplyCode = table.Column<int>(type: "integer", nullable: true),
                    LastEnhancedStatus = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    LastResponse = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Reason = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    IsHard = table.Column<bool>(type: "boolean", nullable: true),
                    ContentId = table.Column<long>(type: "bigint", nullable: true),
                    Headers = table.Column<byte[]>(type: "bytea", nullable: true),
                    DkimDomain = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    DkimSelector = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ResendOfId = table.Column<long>(type: "bigint", nullable: true),
                    ClaimedBy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Messages_MessageContents_ContentId",
                        column: x => x.ContentId,
                        principalTable: "MessageContents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "SuppressionHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SuppressionId = table.Column<long>(type: "bigint", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: false),
                    OccurredAt = table.Column<long>(type: "bigint", nullable: false),
                    Actor = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Note = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuppressionHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuppressionHistory_Suppressions_SuppressionId",
                        column: x => x.SuppressionId,
                        principalTable: "Suppressions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EndpointId = table.Column<long>(type: "bigint", nullable: false),
                    EventId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    EventType = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Payload = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "bigint", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CompletedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookDeliveries_WebhookEndpoints_EndpointId",
                        column: x => x.EndpointId,
                        principalTable: "WebhookEndpoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MessageEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<long>(type: "bigint", nullable: false),
                    OccurredAt = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    ReplyCode = table.Column<int>(type: "integer", nullable: true),
                    EnhancedStatus = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Response = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    RemoteHost = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Reason = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    IsHard = table.Column<bool>(type: "boolean", nullable: true),
                    Rule = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Evidence = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Advice = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Detail = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Actor = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SuppressionId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageEvents_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MessageEvents_Suppressions_SuppressionId",
                        column: x => x.SuppressionId,
                        principalTable: "Suppressions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnmatchedBounces",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false),
                    EnvelopeFrom = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    EnvelopeTo = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Subject = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Why = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Raw = table.Column<byte[]>(type: "bytea", nullable: false),
                    MessageId = table.Column<long>(type: "bigint", nullable: true),
                    AcceptedAt = table.Column<long>(type: "bigint", nullable: true),
                    AcceptedBy = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnmatchedBounces", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnmatchedBounces_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_ClosedAt_Rule_Subject",
                table: "Alerts",
                columns: new[] { "ClosedAt", "Rule", "Subject" });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Prefix",
                table: "ApiKeys",
                column: "Prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryRollups_Period_Sender_Provider_Tag_BucketStart",
                table: "DeliveryRollups",
                columns: new[] { "Period", "Sender", "Provider", "Tag", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryRollups_Period_Tag_Provider_BucketStart",
                table: "DeliveryRollups",
                columns: new[] { "Period", "Tag", "Provider", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryRollups_ProviderRanking",
                table: "DeliveryRollups",
                columns: new[] { "Period", "Tag", "Sender", "BucketStart", "Provider", "Processed" },
                filter: "\"Provider\" <> '*'");

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryRollups_SenderSide",
                table: "DeliveryRollups",
                columns: new[] { "Period", "Tag", "Sender", "BucketStart", "Provider" },
                filter: "\"SenderSideSoftBounces\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_DmarcRecords_DmarcReportId",
                table: "DmarcRecords",
                column: "DmarcReportId");

            migrationBuilder.CreateIndex(
                name: "IX_DmarcRecords_SourceIp",
                table: "DmarcRecords",
                column: "SourceIp");

            migrationBuilder.CreateIndex(
                name: "IX_DmarcReports_OrgName_ReportId",
                table: "DmarcReports",
                columns: new[] { "OrgName", "ReportId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DmarcReports_PolicyDomain_PeriodBegin",
                table: "DmarcReports",
                columns: new[] { "PolicyDomain", "PeriodBegin" });

            migrationBuilder.CreateIndex(
                name: "IX_DmarcReports_ReceivedAt",
                table: "DmarcReports",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_ApiKeyId_Key",
                table: "IdempotencyRecords",
                columns: new[] { "ApiKeyId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessageEvents_MessageId_OccurredAt",
                table: "MessageEvents",
                columns: new[] { "MessageId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageEvents_SuppressionId",
                table: "MessageEvents",
                column: "SuppressionId");

            migrationBuilder.CreateIndex(
                name: "IX_MessageEvents_Type_OccurredAt",
                table: "MessageEvents",
                columns: new[] { "Type", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ContentId",
                table: "Messages",
                column: "ContentId");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_CreatedAt_Id",
                table: "Messages",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_MessageIdHeader",
                table: "Messages",
                column: "MessageIdHeader");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_PublicId",
                table: "Messages",
                column: "PublicId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Recipient_CreatedAt_Id",
                table: "Messages",
                columns: new[] { "Recipient", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_RecipientDomain_CreatedAt_Id_Status_Sender",
                table: "Messages",
                columns: new[] { "RecipientDomain", "CreatedAt", "Id", "Status", "Sender" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ResendOfId",
                table: "Messages",
                column: "ResendOfId");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ReturnPathToken",
                table: "Messages",
                column: "ReturnPathToken");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Sender_CreatedAt_Id_Status_RecipientDomain",
                table: "Messages",
                columns: new[] { "Sender", "CreatedAt", "Id", "Status", "RecipientDomain" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Status_CreatedAt_Id_RecipientDomain_Sender",
                table: "Messages",
                columns: new[] { "Status", "CreatedAt", "Id", "RecipientDomain", "Sender" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_SubmissionId",
                table: "Messages",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_SenderDomains_Name",
                table: "SenderDomains",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SmtpCredentials_Name",
                table: "SmtpCredentials",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SuppressionHistory_OccurredAt_Id",
                table: "SuppressionHistory",
                columns: new[] { "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SuppressionHistory_SuppressionId",
                table: "SuppressionHistory",
                column: "SuppressionId");

            migrationBuilder.CreateIndex(
                name: "IX_SuppressionHistory_Value_OccurredAt",
                table: "SuppressionHistory",
                columns: new[] { "Value", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_CreatedAt_Id",
                table: "Suppressions",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_ExpiresAt",
                table: "Suppressions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_OneOpenPerValue",
                table: "Suppressions",
                column: "Value",
                unique: true,
                filter: "\"RemovedAt\" IS NULL AND NOT \"ExpiryRecorded\"");

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_Value_RemovedAt",
                table: "Suppressions",
                columns: new[] { "Value", "RemovedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UnmatchedBounces_MessageId",
                table: "UnmatchedBounces",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookAttempts_DeliveryId",
                table: "WebhookAttempts",
                column: "DeliveryId");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookAttempts_EndpointId_Id",
                table: "WebhookAttempts",
                columns: new[] { "EndpointId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_EndpointId",
                table: "WebhookDeliveries",
                column: "EndpointId");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_State_NextAttemptAt",
                table: "WebhookDeliveries",
                columns: new[] { "State", "NextAttemptAt" });

            PostgresSql.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Alerts");

            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "BounceReasonRollups");

            migrationBuilder.DropTable(
                name: "DeliveryRollups");

            migrationBuilder.DropTable(
                name: "DmarcRecords");

            migrationBuilder.DropTable(
                name: "IdempotencyRecords");

            migrationBuilder.DropTable(
                name: "MessageEvents");

            migrationBuilder.DropTable(
                name: "RecipientStreaks");

            migrationBuilder.DropTable(
                name: "RollupChanges");

            migrationBuilder.DropTable(
                name: "SenderDomains");

            migrationBuilder.DropTable(
                name: "SendingLeases");

            migrationBuilder.DropTable(
                name: "SmtpCredentials");

            migrationBuilder.DropTable(
                name: "SuppressionHistory");

            migrationBuilder.DropTable(
                name: "UnmatchedBounces");

            migrationBuilder.DropTable(
                name: "WebhookAttempts");

            migrationBuilder.DropTable(
                name: "WebhookDeliveries");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "DmarcReports");

            migrationBuilder.DropTable(
                name: "Suppressions");

            migrationBuilder.DropTable(
                name: "Messages");

            migrationBuilder.DropTable(
                name: "WebhookEndpoints");

            migrationBuilder.DropTable(
                name: "MessageContents");
        }
    }
}
