variable "name" {
  description = "The project's public name; each pool's private name starts with it."
  type        = string
}

variable "labels" {
  description = "The answers a performer can give."
  type        = list(string)

  validation {
    condition     = length(distinct(var.labels)) >= 2
    error_message = "A labeling project needs at least two distinct labels."
  }
}

variable "batches" {
  description = "A pool per batch: its reward per assignment (US dollars) and how many performers see each task."
  type = map(object({
    reward  = number
    overlap = number
  }))

  validation {
    condition     = alltrue([for b in values(var.batches) : b.reward > 0 && b.overlap >= 1])
    error_message = "Every batch needs a reward above 0 and an overlap of at least 1."
  }
}

variable "will_expire" {
  description = "When the pools close by themselves, in Toloka's UTC format."
  type        = string
  default     = "2030-12-31T23:59:59"
}

variable "labeling_done" {
  description = "Whether the labeling is over: archives the project and its pools."
  type        = bool
  default     = false
}
